import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { probeService } from '../helpers/services.js';
import {
  harmlessRenames,
  leakedValue,
  leakingRenames,
  renamingProtectedColumns,
  renamingSchemaSql,
  renamingTableColumns,
  type RenamingEngine,
} from './renamed-column-cases.js';

/*
 * The renaming statements run on real engines: each one the guard refuses must really have returned a
 * personal value (or an oracle's `hit`, or an error echoing a value), so the refusals are about leaks,
 * not about syntax; each one it allows must run and return none.
 */

/** What an engine answered: its rows as JSON, or its error message. */
type EngineAnswer = { rows: string } | { error: string };

let guard: SqlGuard;
let duckdb: DuckDBConnection | undefined;
let postgres: pg.Client | undefined;
let admin: pg.Client | undefined;
const database = `swy_rename_${process.pid}_${Date.now()}`;
const postgresService = await probeService('postgres');

beforeAll(async () => {
  guard = await SqlGuard.create();
  duckdb = await (await DuckDBInstance.create(':memory:')).connect();
  for (const statement of renamingSchemaSql) await duckdb.run(statement);
  if (!postgresService.available) return;
  admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  postgres = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await postgres.connect();
  for (const statement of renamingSchemaSql) await postgres.query(statement);
});

afterAll(async () => {
  duckdb?.closeSync();
  await postgres?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin?.end();
});

async function answer(engine: RenamingEngine, sql: string): Promise<EngineAnswer> {
  try {
    if (engine === 'duckdb') return { rows: JSON.stringify((await duckdb!.runAndReadAll(sql)).getRowsJson()) };
    return { rows: JSON.stringify((await postgres!.query(sql)).rows) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function check(engine: RenamingEngine, sql: string) {
  return guard.check({
    sql,
    dialect: engine,
    allowedTables: ['users', 'orders'],
    protectedColumns: renamingProtectedColumns,
    tableColumns: renamingTableColumns,
    rowLimit: 100,
  });
}

describe.each(['duckdb', 'postgres'] as const)('renamed columns on a real %s', (engine) => {
  const skip = engine === 'postgres' && !postgresService.available;
  const leaking = leakingRenames.filter((entry) => entry.engines === undefined || entry.engines.includes(engine));
  const harmless = harmlessRenames.filter((entry) => entry.engines === undefined || entry.engines.includes(engine));

  it.skipIf(skip).each(leaking)('$name leaks on the engine and is refused: $sql', async ({ sql }) => {
    const result = await answer(engine, sql);
    const text = 'rows' in result ? result.rows : result.error;
    expect(text, `the engine should have leaked a value: ${text}`).toMatch(leakedValue);
    expect(check(engine, sql)).toMatchObject({ allowed: false, rule: 'pii-column' });
  });

  it.skipIf(skip).each(harmless)('$name runs without leaking and is allowed: $sql', async ({ sql }) => {
    const result = await answer(engine, sql);
    expect(result).toHaveProperty('rows');
    expect('rows' in result ? result.rows : '').not.toMatch(leakedValue);
    const verdict = check(engine, sql);
    expect(verdict, verdict.allowed ? '' : verdict.reason).toMatchObject({ allowed: true });
  });
});
