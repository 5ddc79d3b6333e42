import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSourcesFile } from '../../src/sources/sources-file-reader.js';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { connectorModules } from '../../src/connectors/connector-registry.js';

describe('sources.yaml errors', () => {
  let catalogDirectory: string | undefined;
  afterEach(async () => {
    if (catalogDirectory !== undefined) await fs.rm(catalogDirectory, { recursive: true, force: true });
  });

  /** Reads a sources.yaml holding these lines and returns what the reader threw. */
  const failureOf = async (lines: string[]) => {
    catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-sources-'));
    await fs.writeFile(path.join(catalogDirectory, 'sources.yaml'), lines.join('\n'));
    const settings = readServiceConfig({ SWITCHYARD_CATALOG_DIR: catalogDirectory });
    return (await readSourcesFile(settings, {}).catch((error: unknown) => error)) as { code?: string; message?: string };
  };

  it('lists the allowed kinds, with the line, when a source names an unknown kind', async () => {
    const failure = await failureOf(['sources:', '  - name: hr', '    kind: postgress', '    description: People', '    connection: { host: localhost }']);
    expect(failure.code).toBe('SWY_ERR_CONFIG_INVALID');
    const kinds = connectorModules.map((module) => module.kind);
    expect(kinds).toEqual(expect.arrayContaining(['duckdb', 'postgres', 'redshift', 'mysql', 'aurora-mysql', 'athena', 'snowflake', 'rest', 'sqlite']));
    expect(failure.message).toMatch(/sources\.yaml:3: \/sources\/0\/kind must be one of [a-z, -]+$/);
    expect(failure.message?.split('must be one of ')[1]).toBe(kinds.join(', '));
  });

  it("checks each source's connection against its own kind's settings, naming the member that does not fit", async () => {
    const failure = await failureOf(['sources:', '  - name: hr', '    kind: postgres', '    description: People', "    connection: { views: { people: 'people.csv' } }"]);
    expect(failure.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(failure.message).toMatch(/source "hr" has connection settings that do not fit kind "postgres" \(connection\/views is not one of its settings\)$/);
  });
});
