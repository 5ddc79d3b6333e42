import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import mysql from 'mysql2/promise';
import pg from 'pg';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connectors/connector-factory.js';
import type { Connector } from '../../src/connectors/connector.js';
import { duckDbJsonSafeConverter } from '../../src/connectors/duckdb/duckdb-value-converter.js';
import type { SqlDialectName } from '../../src/dialects/sql-dialect.js';
import type { FederatedSource } from '../../src/federation/federated-plan-request.js';
import { runFederatedPlan } from '../../src/federation/federated-plan-runner.js';
import { probeService } from '../helpers/services.js';
import { allowedPlan, testGuard } from './federation-fixtures.js';

// Pushdown checked on the real engines: the same federated query over the same rows, with and without
// pushdown, against one DuckDB holding both tables. The rows hold what makes engines differ: case
// variants and a trailing space (MySQL's `=` ignores both), NULLs, LIKE wildcards, dates and timestamps.

const claims: unknown[][] = [
  [1, 1, '100.00', 'open', '2024-01-05', '2024-01-05 08:00:00', 1.5],
  [2, 1, '2500.50', 'Open', '2024-02-10', '2024-02-10 23:59:59', 3],
  [3, 2, '999.99', 'OPEN', '2023-12-31', '2023-12-31 12:00:00', 0.5],
  [4, 2, '1000.50', 'open ', '2024-03-31', '2024-03-31 00:00:00', 2],
  [5, 3, null, null, null, null, null],
  [6, 3, '50.25', 'closed', '2024-04-01', '2024-04-01 10:30:00', 4.25],
  [7, null, '75.00', 'review', '2024-01-01', '2024-01-01 00:00:00', 1],
  [8, 4, '3000.00', 'opening', '2024-02-29', '2024-02-29 12:00:00', 2.5],
  [9, 5, '10.00', 'Opened', '2025-01-01', '2025-01-01 00:00:00', 3.5],
  [10, 99, '20.00', 'o_en', '2024-05-05', '2024-05-05 05:05:05', 1.25],
];

function literal(value: unknown): string {
  return value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${String(value)}'`;
}

function claimsStatements(types: { timestamp: string; double: string }): string[] {
  return [
    `CREATE TABLE claims (claim_id INTEGER, adjuster INTEGER, amount DECIMAL(10,2), status VARCHAR(20), filed DATE, written ${types.timestamp}, score ${types.double})`,
    `INSERT INTO claims VALUES ${claims.map((row) => `(${row.map(literal).join(', ')})`).join(', ')}`,
  ];
}

const employees = ['CREATE TABLE employees (emp_no INTEGER, name VARCHAR, hire_date DATE)', "INSERT INTO employees SELECT range, 'name ' || range, DATE '1990-01-01' + range::INTEGER * 400 FROM range(1, 6)"];

const queries = [
  "SELECT c.claim_id, e.name FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster WHERE c.status = 'open' ORDER BY 1",
  "SELECT c.claim_id FROM lake.claims c WHERE c.status IN ('open', 'Opened') ORDER BY 1",
  "SELECT c.claim_id FROM lake.claims c WHERE c.status LIKE 'op%' ORDER BY 1",
  "SELECT c.claim_id FROM lake.claims c WHERE c.status LIKE 'o_en' ORDER BY 1",
  'SELECT c.claim_id FROM lake.claims c WHERE c.amount > 999.99 AND c.amount <= 3000 ORDER BY 1',
  "SELECT c.claim_id FROM lake.claims c WHERE c.filed BETWEEN DATE '2024-01-01' AND '2024-03-31' ORDER BY 1",
  "SELECT c.claim_id FROM lake.claims c WHERE c.written >= TIMESTAMP '2024-02-10 23:59:59' AND c.written < '2025-01-01' ORDER BY 1",
  'SELECT c.claim_id FROM lake.claims c WHERE c.score < 3 AND c.adjuster IS NOT NULL ORDER BY 1',
  "SELECT e.emp_no, c.claim_id FROM hr.employees e LEFT JOIN lake.claims c ON c.adjuster = e.emp_no AND c.status = 'open' ORDER BY 1, 2",
  'SELECT e.emp_no, count(c.claim_id) AS claims FROM hr.employees e LEFT JOIN lake.claims c ON c.adjuster = e.emp_no WHERE c.amount < 1000 GROUP BY e.emp_no ORDER BY 1',
  "SELECT e.name, c.claim_id FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster WHERE e.hire_date < DATE '1992-01-01' ORDER BY 1, 2",
];

interface Engine {
  /** The `kind:` of the lake source. */
  readonly kind: string;
  /** Its dialect. */
  readonly dialect: SqlDialectName;
  /** Local service it needs, if any. */
  readonly service?: 'postgres' | 'mariadb';
  /** Creates the claims table and returns the connection settings and a cleanup. */
  seed(directory: string): Promise<{ connection: Record<string, unknown>; cleanup: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    kind: 'postgres',
    dialect: 'postgres',
    service: 'postgres',
    async seed() {
      const database = `swy_federation_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`);
      await admin.end();
      const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
      await client.connect();
      for (const statement of claimsStatements({ timestamp: 'TIMESTAMP', double: 'DOUBLE PRECISION' })) await client.query(statement);
      await client.end();
      const cleanup = async () => {
        const drop = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await drop.end();
      };
      return { connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database, poolMax: 2 }, cleanup };
    },
  },
  {
    kind: 'mysql',
    dialect: 'mysql',
    service: 'mariadb',
    async seed() {
      const database = `swy_federation_${randomBytes(5).toString('hex')}`;
      const admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
      await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await admin.query(`USE ${database}`);
      for (const statement of claimsStatements({ timestamp: 'DATETIME', double: 'DOUBLE' })) await admin.query(statement);
      await admin.end();
      const cleanup = async () => {
        const drop = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
        await drop.query(`DROP DATABASE IF EXISTS ${database}`);
        await drop.end();
      };
      return { connection: { host: '127.0.0.1', port: 3306, user: 'root', database, poolMax: 2 }, cleanup };
    },
  },
  {
    kind: 'sqlite',
    dialect: 'sqlite',
    async seed(directory) {
      const SQL = await initSqlJs();
      const database = new SQL.Database();
      for (const statement of claimsStatements({ timestamp: 'DATETIME', double: 'REAL' })) database.run(statement);
      const file = path.join(directory, 'lake.sqlite');
      fs.writeFileSync(file, database.export());
      database.close();
      return { connection: { database: file }, cleanup: async () => undefined };
    },
  },
  {
    kind: 'duckdb',
    dialect: 'duckdb',
    async seed(directory) {
      const file = path.join(directory, 'lake.duckdb');
      const instance = await DuckDBInstance.create(file);
      const connection = await instance.connect();
      for (const statement of claimsStatements({ timestamp: 'TIMESTAMP', double: 'DOUBLE' })) await connection.run(statement);
      connection.closeSync();
      instance.closeSync();
      return { connection: { database: file }, cleanup: async () => undefined };
    },
  },
];

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'swy-federation-engines-'));
let hr: Connector;
let expected: unknown[][][];

beforeAll(async () => {
  const hrFile = path.join(directory, 'hr.duckdb');
  const reference = await DuckDBInstance.create(':memory:');
  const connection = await reference.connect();
  for (const statement of [...employees, ...claimsStatements({ timestamp: 'TIMESTAMP', double: 'DOUBLE' })]) await connection.run(statement);
  await connection.run(`ATTACH '${hrFile}' AS hrfile`);
  await connection.run('CREATE TABLE hrfile.employees AS SELECT * FROM employees');
  await connection.run('DETACH hrfile');
  await connection.run('CREATE SCHEMA lake; CREATE SCHEMA hr; CREATE TABLE lake.claims AS SELECT * FROM main.claims; CREATE TABLE hr.employees AS SELECT * FROM main.employees');
  expected = [];
  for (const sql of queries) expected.push((await connection.runAndReadAll(sql)).convertRows(duckDbJsonSafeConverter));
  connection.closeSync();
  reference.closeSync();
  hr = createConnector({ name: 'hr', kind: 'duckdb', connection: { database: hrFile } });
});

afterAll(async () => {
  await hr?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe.each(engines)('pushdown into $kind', (engine) => {
  let lake: Connector;
  let cleanup: () => Promise<void> = async () => undefined;
  let available = true;
  let sources: FederatedSource[];

  beforeAll(async () => {
    if (engine.service !== undefined) available = (await probeService(engine.service)).available;
    if (!available) return;
    const seeded = await engine.seed(directory);
    cleanup = seeded.cleanup;
    lake = createConnector({ name: 'lake', kind: engine.kind, connection: seeded.connection });
    const introspected = async (connector: Connector) => (await connector.introspect()).map((table) => ({ name: table.name, columns: table.columns.map((column) => ({ ...column })) }));
    sources = [
      { name: 'lake', dialect: engine.dialect, tables: await introspected(lake), backslashEscapes: lake.backslashEscapes === true },
      { name: 'hr', dialect: 'duckdb', tables: await introspected(hr) },
    ];
  });

  afterAll(async () => {
    await lake?.close();
    await cleanup();
  });

  it.each(queries.map((sql, index) => [sql, index] as const))('%s', async (sql, index) => {
    if (!available) return;
    const guard = await testGuard();
    const limits = { partMaxRows: 1000, partMaxBytes: 1024 * 1024, combineMemoryMb: 64, combineTimeoutMs: 20_000 };
    const runPart = (part: { source: string }, request: { statement: string; maxRows: number; signal: AbortSignal }) =>
      (part.source === 'lake' ? lake : hr).execute(request.statement, { maxRows: request.maxRows, timeoutMs: 20_000, signal: request.signal });
    const pushed = await runFederatedPlan(await allowedPlan(sql, sources), { runPart, maxRows: 100, limits, guard });
    const whole = await runFederatedPlan(await allowedPlan(sql, sources, { pushdown: false }), { runPart, maxRows: 100, limits, guard });
    expect(pushed.result.rows).toEqual(expected[index]);
    expect(whole.result.rows).toEqual(expected[index]);
  });
});
