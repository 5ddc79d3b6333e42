import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSourcesFile } from '../../src/sources/sources-file-reader.js';
import { readSettings } from '../../src/config/settings.js';

describe('sources.yaml errors', () => {
  let catalogDirectory: string | undefined;
  afterEach(async () => {
    if (catalogDirectory !== undefined) await fs.rm(catalogDirectory, { recursive: true, force: true });
  });

  it('lists the allowed kinds, with the line, when a source names an unknown kind', async () => {
    catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-sources-'));
    const text = ['sources:', '  - name: hr', '    kind: postgress', '    description: People', '    connection: { host: localhost }'].join('\n');
    await fs.writeFile(path.join(catalogDirectory, 'sources.yaml'), text);
    const settings = readSettings({ SWITCHYARD_CATALOG_DIR: catalogDirectory });
    const failure = (await readSourcesFile(settings, {}).catch((error: unknown) => error)) as { code?: string; message?: string };
    expect(failure.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(failure.message).toMatch(/sources\.yaml:3: \/sources\/0\/kind must be one of duckdb, postgres, redshift, mysql, aurora-mysql, athena, snowflake, rest, sqlite$/);
  });
});
