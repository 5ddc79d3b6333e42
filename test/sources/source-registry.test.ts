import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { SourceRegistry } from '../../src/sources/source-registry.js';
import type { SourceStatus } from '../../src/sources/source-status.js';
import { testDataDirectory } from '../helpers/global-setup.js';

const silent = { info: () => undefined, warn: () => undefined };

/** sources.yaml with the demo sales database, a REST source and a PostgreSQL source on a port nothing listens on. */
const sourcesYaml = [
  'sources:',
  '  - name: sales',
  '    kind: duckdb',
  '    description: Ticket sales',
  `    connection: { database: ${path.join(testDataDirectory, 'demo', 'sales.duckdb')} }`,
  '    maxRows: 50',
  '  - name: products',
  '    kind: rest',
  '    description: Product API',
  '    connection: { document: http://127.0.0.1:1/openapi.json }',
  '  - name: warehouse',
  '    kind: postgres',
  '    description: Orders',
  '    connection: { host: 127.0.0.1, port: 1, user: nobody, database: none, schema: reporting, connectTimeoutMs: 500 }',
  '    timeoutMs: 1500',
].join('\n');

describe('source registry', () => {
  let directory: string | undefined;
  let registry: SourceRegistry | undefined;
  afterEach(async () => {
    await registry?.close();
    registry = undefined;
    if (directory !== undefined) await fs.rm(directory, { recursive: true, force: true });
    directory = undefined;
  });

  async function openRegistry(environment: Record<string, string> = {}): Promise<SourceRegistry> {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-sources-'));
    await fs.writeFile(path.join(directory, 'sources.yaml'), sourcesYaml);
    registry = await SourceRegistry.open(readServiceConfig({ SWITCHYARD_CATALOG_DIR: directory, SWITCHYARD_DATA_DIR: directory, ...environment }), silent);
    return registry;
  }

  it('gives each source a handle with its own timeout, row cap, default schema and request language', async () => {
    const sources = await openRegistry({ SWITCHYARD_STATEMENT_TIMEOUT_MS: '7000' });
    expect(sources.handles.map((handle) => handle.name)).toEqual(['sales', 'products', 'warehouse']);
    const sales = sources.handle('sales');
    expect([sales.kind, sales.dialect, sales.requestLanguage, sales.description]).toEqual(['duckdb', 'duckdb', 'sql', 'Ticket sales']);
    expect([sales.timeoutMs, sales.maxRowsFor(1000), sales.maxRowsFor(10), sales.defaultSchema]).toEqual([7000, 50, 10, undefined]);
    const warehouse = sources.handle('warehouse');
    expect([warehouse.dialect, warehouse.timeoutMs, warehouse.maxRowsFor(1000), warehouse.defaultSchema]).toEqual(['postgres', 1500, 1000, 'reporting']);
    expect(sources.handle('products').requestLanguage).toBe('http-get');
    // The connector runs statements: the handle's is the live one, behind the source's resilience policies.
    expect((await sales.connector.execute('SELECT 1 + 1', { maxRows: 1, timeoutMs: sales.timeoutMs })).rows).toEqual([[2]]);
  });

  it('refuses an unknown source with SWY_ERR_SOURCE_NOT_FOUND', async () => {
    const sources = await openRegistry();
    const failure = (() => {
      try {
        return sources.handle('crm');
      } catch (error) {
        return error;
      }
    })();
    expect(SwitchyardError.isInstance(failure) && failure.code).toBe('SWY_ERR_SOURCE_NOT_FOUND');
  });

  it('marks a served source whose ping fails unavailable, tells the catalog, and retries its load until it loads', async () => {
    const sources = await openRegistry({ SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS: '60000', SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS: '60000' });
    const marked: [string, SourceStatus][] = [];
    const reloads: string[][] = [];
    sources.onUnavailable((name, status) => marked.push([name, status]));
    sources.reloadWith(async (names) => void reloads.push([...names]));

    // Before the catalog serves anything there is nothing to agree with: the ping is all /ready reports.
    const before = await sources.readiness();
    expect(before.find((source) => source.name === 'warehouse')).toMatchObject({ healthy: false });
    expect(marked).toEqual([]);
    expect(sources.handle('warehouse').status).toBeUndefined();

    const loadedAt = new Date().toISOString();
    sources.observe(sources.handles.map((handle) => ({ name: handle.name, status: { healthy: true, loadedAt } })));
    const after = await sources.readiness();
    const warehouse = after.find((source) => source.name === 'warehouse')!;
    expect(warehouse.healthy).toBe(false);
    expect(after.find((source) => source.name === 'sales')).toEqual({ name: 'sales', healthy: true });
    expect(marked.map(([name]) => name)).toContain('warehouse');
    const status = sources.handle('warehouse').status!;
    expect(status).toMatchObject({ healthy: false, loadedAt });
    expect(status.error).toBe(warehouse.error);
    expect(sources.handle('warehouse').nextLoadAttemptAt).toBeGreaterThan(Date.now() + 20_000);
    expect(sources.handle('sales').nextLoadAttemptAt).toBeUndefined();

    // A second failed ping marks nothing again; a ping that answers brings the load forward once.
    await sources.readiness();
    expect(marked.filter(([name]) => name === 'warehouse')).toHaveLength(1);
    sources.observe([{ name: 'sales', status: { healthy: false, error: 'down a moment' } }]);
    await sources.readiness();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reloads).toContainEqual(['sales']);

    // Once the catalog serves it loaded again, its retries stop.
    sources.observe([{ name: 'sales', status: { healthy: true, loadedAt } }]);
    expect(sources.handle('sales').nextLoadAttemptAt).toBeUndefined();
  });
});
