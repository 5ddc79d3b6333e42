import { DuckDBInstance } from '@duckdb/node-api';
import mysql from 'mysql2/promise';
import pg from 'pg';
import initSqlJs from 'sql.js';

/** One function name an engine knows, with whether the engine marks it as its own plumbing. */
export interface EngineFunction {
  /** Lower-case name as the engine lists it. */
  name: string;
  /** Kinds the engine gives it (DuckDB: scalar, aggregate, table, macro, …; PostgreSQL: f, a, w, p). */
  kinds: string[];
  /**
   * True when every definition is engine plumbing no query needs: type input/output and operator
   * implementations, planner and index support (PostgreSQL), compression internals, collation
   * shortcuts and operators spelt as functions (DuckDB).
   */
  internal: boolean;
}

/** Engines whose function catalogues the guard's lists are checked against. */
export type ListedEngine = 'duckdb' | 'postgres' | 'mariadb' | 'sqlite';

function merge(rows: { name: string; kind: string; internal: boolean }[]): EngineFunction[] {
  const byName = new Map<string, EngineFunction>();
  for (const row of rows) {
    const name = row.name.toLowerCase();
    const known = byName.get(name);
    if (known === undefined) byName.set(name, { name, kinds: [row.kind], internal: row.internal });
    else {
      if (!known.kinds.includes(row.kind)) known.kinds.push(row.kind);
      known.internal &&= row.internal;
    }
  }
  return [...byName.values()].sort((left, right) => left.name.localeCompare(right.name));
}

/** Every function, macro and pragma of an in-memory DuckDB of the installed version. */
export async function readDuckDbFunctions(): Promise<EngineFunction[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT function_name, function_type FROM duckdb_functions()');
    return merge(
      reader.getRowObjects().map((row) => {
        const name = String(row.function_name);
        const internal = name.startsWith('__internal') || name.startsWith('icu_collate_') || !/^[a-z_]/iu.test(name);
        return { name, kind: String(row.function_type), internal };
      }),
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Every function of pg_catalog on the PostgreSQL server at 127.0.0.1. */
export async function readPostgresFunctions(): Promise<EngineFunction[]> {
  const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; kind: string; internal: boolean }>(`
      SELECT p.proname AS name, p.prokind AS kind,
        (p.prorettype = ANY (ARRAY['internal', 'trigger', 'event_trigger', 'language_handler', 'fdw_handler',
            'index_am_handler', 'table_am_handler', 'tsm_handler', 'cstring']::regtype[])
          OR 'internal'::regtype = ANY (p.proargtypes::regtype[])
          OR 'cstring'::regtype = ANY (p.proargtypes::regtype[])
          OR coalesce(d.description, '') ~ '^(implementation of .* operator|I/O)'
          OR coalesce(d.description, '') ~ '(selectivity|estimator|planner support|sort support|typmod)') AS internal
      FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      LEFT JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass
      WHERE n.nspname = 'pg_catalog'`);
    return merge(rows);
  } finally {
    await client.end();
  }
}

/** The built-in functions MariaDB lists in information_schema.SQL_FUNCTIONS (10.6 and later). */
export async function readMariaDbFunctions(): Promise<EngineFunction[]> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', user: 'root', password: '' });
  try {
    const [rows] = await connection.query('SELECT FUNCTION AS name FROM information_schema.SQL_FUNCTIONS');
    return merge((rows as { name: string }[]).map((row) => ({ name: row.name, kind: 'function', internal: false })));
  } finally {
    await connection.end();
  }
}

/** Every function of the SQLite build that Switchyard's SQLite sources run on (sql.js). */
export async function readSqliteFunctions(): Promise<EngineFunction[]> {
  const SQL = await initSqlJs();
  const database = new SQL.Database();
  try {
    const [result] = database.exec('SELECT name, type FROM pragma_function_list');
    const rows = (result?.values ?? []).map(([name, type]) => ({ name: String(name), kind: String(type), internal: !/^[a-z_]/iu.test(String(name)) }));
    return merge(rows);
  } finally {
    database.close();
  }
}

/** The reader of each engine. */
export const engineFunctionReaders: Record<ListedEngine, () => Promise<EngineFunction[]>> = {
  duckdb: readDuckDbFunctions,
  postgres: readPostgresFunctions,
  mariadb: readMariaDbFunctions,
  sqlite: readSqliteFunctions,
};
