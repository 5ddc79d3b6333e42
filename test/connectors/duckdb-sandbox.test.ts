import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/connectors/connector.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { duckDbSandboxAttacks, type SandboxPaths } from './duckdb-sandbox-attacks.js';

const limits = { maxRows: 1000, timeoutMs: 10_000 };
const secretMarker = `TOP-SECRET-${process.pid}`;

/** Every file under `directory` with its size and modification time, so any write shows. */
async function fileTree(directory: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true });
  const tree: Record<string, string> = {};
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name);
    const stat = await fs.stat(full);
    tree[path.relative(directory, full)] = entry.isDirectory() ? 'directory' : `${stat.size}:${stat.mtimeMs}`;
  }
  return tree;
}

async function seedDatabase(file: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What an attack ended in: the rows it answered (as JSON) or the error code it failed with. */
async function outcomeOf(connector: Connector, sql: string): Promise<{ answered: boolean; text: string }> {
  try {
    const result = await connector.execute(sql, limits);
    return { answered: true, text: JSON.stringify(result.rows) };
  } catch (error) {
    const code = SwitchyardError.isInstance(error) ? error.code : 'not a SwitchyardError';
    return { answered: false, text: `${code}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

describe('a DuckDB source is sandboxed even for SQL that bypasses the guard', () => {
  let root: string;
  let paths: SandboxPaths;
  let connector: Connector;

  /** Every setting of the instance, read the way a client would (DuckDB spells some enum values in either case). */
  const settings = async () => (await connector.execute('SELECT name, lower(value) FROM duckdb_settings() ORDER BY name', limits)).rows;
  // duckdb_extensions() lists the extension directory, which the sandbox forbids; a loaded extension shows as new functions.
  const loadedFunctions = async () => (await connector.execute('SELECT count(*) FROM duckdb_functions()', limits)).rows;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-duckdb-sandbox-'));
    const source = path.join(root, 'source');
    const privateDirectory = path.join(root, 'private');
    paths = {
      root,
      database: path.join(source, 'shop.duckdb'),
      lake: path.join(source, 'lake'),
      secretCsv: path.join(privateDirectory, 'secret.csv'),
      catalogSnapshot: path.join(privateDirectory, 'catalog-snapshot.json'),
      auditLog: path.join(privateDirectory, 'audit.jsonl'),
      otherDatabase: path.join(privateDirectory, 'other-source.duckdb'),
      output: path.join(root, 'output'),
    };
    await fs.mkdir(paths.lake, { recursive: true });
    await fs.mkdir(privateDirectory);
    await fs.mkdir(paths.output);
    await fs.writeFile(paths.secretCsv, `name,value\nkey,${secretMarker}\n`);
    await fs.writeFile(paths.catalogSnapshot, JSON.stringify({ sources: [{ name: 'hr', note: secretMarker }] }));
    await fs.writeFile(paths.auditLog, `${JSON.stringify({ sql: `SELECT '${secretMarker}'` })}\n`);
    await seedDatabase(paths.otherDatabase, [`CREATE TABLE salaries AS SELECT '${secretMarker}' AS note`]);
    await seedDatabase(paths.database, [
      "CREATE TABLE users AS SELECT * FROM (VALUES (1, 'ada@example.com'), (2, 'bob@example.com')) AS u(id, email)",
    ]);
    await seedDatabase(':memory:', [
      `COPY (SELECT range AS orderid, range * 10 AS amount FROM range(5)) TO '${path.join(paths.lake, 'part-1.parquet')}' (FORMAT parquet)`,
    ]);
    await fs.writeFile(path.join(source, 'cities.csv'), 'city,population\nBerlin,3645000\n');
    connector = createConnector({
      name: 'shop',
      kind: 'duckdb',
      description: 'Sandbox check',
      connection: {
        database: paths.database,
        views: { orders: path.join(paths.lake, '*.parquet'), cities: path.join(source, 'cities.csv') },
      },
    });
  });

  afterAll(async () => {
    await connector.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("still reads the source's own database file, globbed files and single files", async () => {
    expect((await connector.execute('SELECT count(*) FROM users', limits)).rows).toEqual([[2]]);
    expect((await connector.execute('SELECT sum(amount) FROM orders', limits)).rows).toEqual([[100]]);
    expect((await connector.execute('SELECT city FROM cities', limits)).rows).toEqual([['Berlin']]);
  });

  it('runs with external access off, extensions neither installed nor loaded on demand, and its configuration locked', async () => {
    const locked = await connector.execute(
      `SELECT current_setting('enable_external_access'), current_setting('autoinstall_known_extensions'),
              current_setting('autoload_known_extensions'), current_setting('allow_community_extensions'),
              current_setting('lock_configuration')`,
      limits,
    );
    expect(locked.rows).toEqual([[false, false, false, false, true]]);
  });

  for (const attack of duckDbSandboxAttacks) {
    it(`${attack.mustFail ? 'refuses' : 'keeps harmless'}: ${attack.name}`, async () => {
      const filesBefore = await fileTree(root);
      const settingsBefore = await settings();
      const functionsBefore = await loadedFunctions();
      const outcome = await outcomeOf(connector, attack.sql(paths));
      expect(outcome.text).not.toContain(secretMarker);
      if (attack.mustFail) expect(outcome.answered, outcome.text).toBe(false);
      expect(await fileTree(root)).toEqual(filesBefore);
      expect(await settings()).toEqual(settingsBefore);
      expect(await loadedFunctions()).toEqual(functionsBefore);
      // The source still answers normally afterwards.
      expect((await connector.execute('SELECT count(*) FROM users', limits)).rows).toEqual([[2]]);
    });
  }

  it("switches logging off again right after the statement that switched it on, so no other client's SQL is captured", async () => {
    await connector.execute('CALL enable_logging()', limits);
    await connector.execute("SELECT 'victim-statement' AS text", limits);
    const captured = await connector.execute("SELECT count(*) FROM duckdb_logs WHERE message LIKE '%victim' || '-statement%'", limits);
    expect(captured.rows).toEqual([[0]]);
    const logging = await connector.execute("SELECT current_setting('enable_logging'), current_setting('logging_storage')", limits);
    expect(logging.rows).toEqual([[0, 'memory']]);
  });

  it('replaces an instance whose views catalog a statement detached, so the views still answer', async () => {
    await outcomeOf(connector, 'DETACH swy_views');
    expect((await connector.execute('SELECT sum(amount) FROM orders', limits)).rows).toEqual([[100]]);
    expect((await connector.execute('SELECT count(*) FROM users', limits)).rows).toEqual([[2]]);
  });
});
