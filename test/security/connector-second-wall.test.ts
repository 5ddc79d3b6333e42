import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService } from '../helpers/services.js';
import { duckDbPaths, startDuckDbTarget, type DuckDbTarget } from './helpers/duckdb-demo-target.js';
import { removeAttackFiles } from './helpers/file-listing.js';
import { startMariaDbTarget, type MariaDbTarget } from './helpers/mariadb-target.js';
import { stateChanges, type ProbeTarget } from './helpers/pipeline-probe.js';
import { startPostgresTarget, type PostgresTarget } from './helpers/postgres-target.js';
import { findSecrets } from './helpers/secret-scanner.js';
import { mariaDbLockNames } from './corpus/state-function-cases.js';

/*
 * The engines' own wall, as if the guard were wrong: attack SQL sent straight to the connectors,
 * bypassing the guard. A DuckDB source reads only its own files, cannot write files, install or load
 * extensions, or change its configuration; a PostgreSQL or MariaDB session goes back to the pool with
 * no lock, setting or variable a statement left in it.
 */
interface WallCase {
  /** Name of the test. */
  readonly name: string;
  /** Source whose connector runs the SQL. */
  readonly source: string;
  /** The SQL, unchecked by the guard. */
  readonly sql: string;
}

/** Runs the SQL on the connector; returns every breach (secret in the result or error, state changed). */
async function breachesOf(target: ProbeTarget, wallCase: WallCase): Promise<string[]> {
  const before = await target.snapshot();
  let output: string;
  try {
    const result = await target.observed.app.sources.handle(wallCase.source).connector.execute(wallCase.sql, { maxRows: 100, timeoutMs: 5_000 });
    output = JSON.stringify(result.rows);
  } catch (error) {
    output = String((error as Error).message);
  }
  const after = await target.snapshot();
  const found = findSecrets(output, { ...target.secrets, markers: [...target.secrets.markers, ...target.secrets.hiddenNames] });
  return [...found.map((secret) => `result carries ${secret}`), ...stateChanges(before, after)];
}

function wallTests(cases: readonly WallCase[], target: () => ProbeTarget | undefined): void {
  for (const wallCase of cases) {
    it(`${wallCase.name}: ${wallCase.sql.slice(0, 80)}`, async () => {
      const running = target();
      if (running === undefined) throw new Error('the target did not start');
      const breaches = await breachesOf(running, wallCase);
      expect(breaches, breaches.join('\n')).toEqual([]);
    });
  }
}

const duckDb = { current: undefined as DuckDbTarget | undefined };
const paths = duckDbPaths('second-wall');
/** DuckDB's extension folder; an INSTALL that gets through creates it, and what the suite made it removes. */
const extensionFolder = path.join(os.homedir(), '.duckdb');
const extensionFolderExisted = fs.existsSync(extensionFolder);

describe('DuckDB sources are sandboxed below the guard', () => {
  beforeAll(async () => {
    duckDb.current = await startDuckDbTarget(paths);
  });

  afterAll(async () => {
    if (duckDb.current) await duckDb.current.close();
    else removeAttackFiles();
    if (!extensionFolderExisted) fs.rmSync(extensionFolder, { recursive: true, force: true });
  });

  it('external access is off, extensions neither install nor load by themselves, and configuration is locked', async () => {
    const connector = duckDb.current!.observed.app.sources.handle('sales').connector;
    const settings = await connector.execute(
      "SELECT current_setting('enable_external_access'), current_setting('lock_configuration'), current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')",
      { maxRows: 1, timeoutMs: 5_000 },
    );
    expect(settings.rows[0]).toEqual([false, true, false, false]);
  });

  it('the source still reads its own data, and a views source its own files', async () => {
    const app = duckDb.current!.observed.app;
    expect((await app.sources.handle('sales').connector.execute('SELECT count(*) FROM category', { maxRows: 1, timeoutMs: 5_000 })).rows[0]).toEqual([11]);
    const claims = await app.sources.handle('legal').connector.execute('SELECT count(*) > 0 FROM claims', { maxRows: 1, timeoutMs: 5_000 });
    expect(claims.rows[0]).toEqual([true]);
  });

  wallTests(
    [
      { name: 'file read', source: 'sales', sql: `SELECT * FROM read_csv('${paths.secretCsv}')` },
      { name: 'file read by replacement scan', source: 'sales', sql: `SELECT * FROM '${paths.secretParquet}'` },
      { name: 'file read by table macro', source: 'sales', sql: `SELECT * FROM histogram('${paths.secretJson}', note)` },
      { name: 'audit log read', source: 'sales', sql: `SELECT * FROM read_ndjson('${paths.auditLog}')` },
      { name: "another source's files", source: 'sales', sql: `SELECT claim_id FROM read_parquet('${paths.legalGlob}')` },
      { name: "another source's database", source: 'sales', sql: `SELECT * FROM read_duckdb('${paths.opsDatabase}', table_name := 'staff_secrets')` },
      { name: 'profiling file', source: 'sales', sql: `SELECT * FROM enable_profiling(save_location := '${path.join(paths.watchDirectory, 'p.json')}')` },
      { name: 'logging file', source: 'sales', sql: `SELECT * FROM enable_logging(storage := 'file', storage_path := '${path.join(paths.watchDirectory, 'logs')}')` },
      { name: 'logging on', source: 'sales', sql: "SELECT * FROM enable_logging(level := 'DEBUG')" },
      { name: 'parser override', source: 'sales', sql: 'SELECT * FROM enable_peg_parser()' },
      { name: 'external access back on', source: 'sales', sql: 'SET enable_external_access = true' },
      { name: 'configuration unlocked', source: 'sales', sql: 'SET lock_configuration = false' },
      { name: 'extension install', source: 'sales', sql: 'INSTALL httpfs' },
      { name: 'extension auto-install by URL', source: 'sales', sql: "SELECT * FROM 'http://127.0.0.1:9/users.csv'" },
      { name: 'copy to file', source: 'sales', sql: `COPY (SELECT 1) TO '${path.join(paths.watchDirectory, 'out.csv')}'` },
      { name: 'attach', source: 'sales', sql: `ATTACH '${paths.opsDatabase}' AS other (READ_ONLY)` },
    ],
    () => duckDb.current,
  );
});

const postgres = await probeService('postgres');
const postgresTarget = { current: undefined as PostgresTarget | undefined };

describe.skipIf(!postgres.available)('PostgreSQL sessions are reset when they return to the pool', () => {
  beforeAll(async () => {
    postgresTarget.current = await startPostgresTarget();
  });

  afterAll(async () => {
    await postgresTarget.current?.close();
  });

  wallTests(
    [
      { name: 'session advisory lock', source: 'shop', sql: 'SELECT pg_advisory_lock(4280)' },
      { name: 'shared advisory lock', source: 'shop', sql: 'SELECT pg_advisory_lock_shared(4281)' },
      { name: 'lock inside a function', source: 'shop', sql: 'SELECT reserve_order_slot(4282)' },
      { name: 'session setting', source: 'shop', sql: "SELECT set_config('search_path', 'vault', false)" },
    ],
    () => postgresTarget.current,
  );
});

const mariadb = await probeService('mariadb');
const mariaDbTarget = { current: undefined as MariaDbTarget | undefined };

describe.skipIf(!mariadb.available)('MariaDB sessions are reset when they return to the pool', () => {
  beforeAll(async () => {
    mariaDbTarget.current = await startMariaDbTarget();
  });

  afterAll(async () => {
    await mariaDbTarget.current?.close();
  });

  wallTests(
    [
      { name: 'user lock', source: 'hrm', sql: `SELECT GET_LOCK('${mariaDbLockNames[0]}', 0)` },
      { name: 'user lock inside a stored function', source: 'hrm', sql: 'SELECT employee_rank(1)' },
      { name: 'user variable', source: 'hrm', sql: 'SELECT @swy_rt_var := 42' },
      { name: 'variable set inside a stored function', source: 'hrm', sql: 'SELECT remember_contact()' },
    ],
    () => mariaDbTarget.current,
  );
});
