import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/connectors/connector.js';
import { DuckDbConnector } from '../../src/connectors/duckdb/duckdb-connector.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import type { FederatedPartReport } from '../../src/federation/federated-plan.js';
import type { FederatedSource } from '../../src/federation/federated-plan-request.js';
import { runFederatedPlan, type FederatedPartExecutor } from '../../src/federation/federated-plan-runner.js';
import type { FederationLimits } from '../../src/federation/federation-limits.js';
import { keyFilteredStatements, maxKeyValues } from '../../src/federation/key-filter-writer.js';
import { sourcePartExecutor } from '../../src/federation/source-part-executor.js';
import { alignPartResult } from '../../src/federation/part-result-reader.js';
import { allowedPlan, column, testGuard } from './federation-fixtures.js';

// Two real DuckDB sources in files, run through the DuckDB connector; `slow` is a view that scans for minutes.
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'swy-federation-runner-'));
const files = { hr: path.join(directory, 'hr.duckdb'), lake: path.join(directory, 'lake.duckdb') };
const connectors = new Map<string, DuckDbConnector>();

const sources: FederatedSource[] = [
  { name: 'hr', dialect: 'duckdb', tables: [{ name: 'employees', columns: [column('emp_no', 'integer'), column('name', 'varchar'), column('hire_date', 'date'), column('ssn', 'varchar', true)] }] },
  {
    name: 'lake',
    dialect: 'duckdb',
    tables: [
      { name: 'claims', columns: [column('claim_id', 'integer'), column('adjuster', 'integer'), column('amount', 'decimal(10,2)'), column('note', 'varchar')] },
      { name: 'slow', columns: [column('id', 'bigint')] },
    ],
  },
  { name: 'gone', dialect: 'duckdb', tables: [{ name: 'things', columns: [column('id', 'integer')] }] },
];

const limits: FederationLimits = { partMaxRows: 10_000, partMaxBytes: 1024 * 1024, combineMemoryMb: 128, combineTimeoutMs: 20_000 };

async function build(file: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  for (const statement of statements) await connection.run(statement);
  connection.closeSync();
  instance.closeSync();
}

beforeAll(async () => {
  await build(files.hr, [
    "CREATE TABLE employees AS SELECT range::INTEGER AS emp_no, 'name ' || range AS name, DATE '1990-01-01' + range::INTEGER AS hire_date, 'secret' AS ssn FROM range(1, 51)",
  ]);
  await build(files.lake, [
    "CREATE TABLE claims AS SELECT range::INTEGER AS claim_id, (range % 50 + 1)::INTEGER AS adjuster, (range * 1.25)::DECIMAL(10,2) AS amount, repeat('x', 40) AS note FROM range(200)",
    'CREATE VIEW slow AS SELECT range AS id FROM range(1000000000000) WHERE hash(range) % 1000000007 = 0',
  ]);
  for (const name of ['hr', 'lake', 'gone']) {
    connectors.set(name, new DuckDbConnector({ name, kind: 'duckdb', connection: { database: path.join(directory, `${name}.duckdb`) } }));
  }
});

afterAll(async () => {
  await Promise.all([...connectors.values()].map((connector) => connector.close()));
  fs.rmSync(directory, { recursive: true, force: true });
});

/** How parts come back from the DuckDB connector: JSON-safe rows (`execute`) or its data chunks (`executeChunks`). */
const forms = [['rows', false], ['DuckDB chunks', true]] as const;

/** Runs a part's statement on its source's connector, as rows or as chunks, recording when each call settled. */
function executorOf(chunks: boolean, settled: { source: string; code: string | undefined }[] = []): FederatedPartExecutor {
  return async (part, request) => {
    try {
      const connector = connectors.get(part.source)!;
      const options = { maxRows: request.maxRows, timeoutMs: 60_000, signal: request.signal };
      const result = chunks ? await connector.executeChunks(request.statement, options) : await connector.execute(request.statement, options);
      settled.push({ source: part.source, code: undefined });
      return result;
    } catch (error) {
      settled.push({ source: part.source, code: SwitchyardError.isInstance(error) ? error.code : 'not a SwitchyardError' });
      throw error;
    }
  };
}

async function reference(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`ATTACH '${files.hr}' AS hr (READ_ONLY)`);
  await connection.run(`ATTACH '${files.lake}' AS lake (READ_ONLY)`);
  const rows = (await connection.runAndReadAll(sql)).getRowsJson();
  connection.closeSync();
  instance.closeSync();
  return rows;
}

const joinQuery = `SELECT e.name, count(*) AS claims, sum(c.amount) AS total FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster
  WHERE c.amount >= 100 AND e.hire_date < DATE '1990-01-20' GROUP BY e.name ORDER BY total DESC, e.name`;

describe.each(forms)('running a federated plan (parts as %s)', (_form, chunks) => {
  const executor = (settled?: { source: string; code: string | undefined }[]) => executorOf(chunks, settled);

  it('extracts the parts in parallel, reports each, and combines them into the answer one engine holding every table gives', async () => {
    const plan = await allowedPlan(joinQuery, sources);
    const reports: FederatedPartReport[] = [];
    const run = await runFederatedPlan(plan, { runPart: executor(), maxRows: 100, limits, onPart: (report) => reports.push(report) });
    expect(JSON.parse(JSON.stringify(run.result.rows))).toEqual(JSON.parse(JSON.stringify(await reference(joinQuery))).map((row: unknown[]) => [row[0], Number(row[1]), Number(row[2])]));
    expect(run.parts.map(({ index, source, table, rows }) => ({ index, source, table, rows }))).toEqual([
      { index: 1, source: 'lake', table: 'claims', rows: 120 },
      { index: 2, source: 'hr', table: 'employees', rows: 18 },
    ]);
    expect(run.parts.every((part) => part.bytes > 0 && part.milliseconds >= 0)).toBe(true);
    expect(reports.map((report) => report.index).sort()).toEqual([1, 2]);
    expect(run.combineMilliseconds).toBeGreaterThan(0);
  });

  it('keeps every column at its catalog position, so a rename by position reads the column it names', async () => {
    // Only `adjuster` (renamed b) and `note` are extracted; `claim_id` and `amount` stay NULL in the combine table.
    const renamed = 'SELECT x.b, x.note FROM lake.claims AS x(a, b) ORDER BY x.b, x.note LIMIT 3';
    const plan = await allowedPlan(renamed, sources);
    expect(plan.parts[0]?.columns).toEqual(['adjuster', 'note']);
    const run = await runFederatedPlan(plan, { runPart: executor(), maxRows: 100, limits });
    expect(run.result.rows).toEqual(await reference(renamed));
  });

  it('fails a part over its row cap with its own code naming the part, and never truncates', async () => {
    const plan = await allowedPlan('SELECT c.adjuster, count(*) FROM lake.claims c GROUP BY c.adjuster', sources);
    const failure = await runFederatedPlan(plan, { runPart: executor(), maxRows: 100, limits: { ...limits, partMaxRows: 150 } }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SWY_ERR_FEDERATION_PART_TOO_LARGE', statusCode: 422, details: { part: 1, source: 'lake', table: 'claims', rowCap: 150 } });
    expect((failure as Error).message).toMatch(/Part #1 of the federated answer \(lake\.claims on source "lake"\) would move more than 150 rows.*Add a filter on lake\.claims/);
    // A filter on the table alone is pushed into its extraction, which then fits.
    const filtered = await allowedPlan('SELECT c.adjuster, count(*) FROM lake.claims c WHERE c.claim_id < 150 GROUP BY c.adjuster', sources);
    await expect(runFederatedPlan(filtered, { runPart: executor(), maxRows: 100, limits: { ...limits, partMaxRows: 150 } })).resolves.toMatchObject({ parts: [{ rows: 150 }] });
  });

  it('holds a part to the cap it was planned with, even when the runner is given a larger one', async () => {
    const plan = await allowedPlan('SELECT c.claim_id FROM lake.claims c', sources, { partRowCap: 120 });
    await expect(runFederatedPlan(plan, { runPart: executor(), maxRows: 100, limits: { ...limits, partMaxRows: 1_000_000 } })).rejects.toMatchObject({
      code: 'SWY_ERR_FEDERATION_PART_TOO_LARGE',
      details: { rowCap: 120 },
    });
  });

  it('fails a part over its byte cap', async () => {
    const plan = await allowedPlan('SELECT c.note FROM lake.claims c', sources);
    await expect(runFederatedPlan(plan, { runPart: executor(), maxRows: 100, limits: { ...limits, partMaxBytes: 4096 } })).rejects.toMatchObject({
      code: 'SWY_ERR_FEDERATION_PART_TOO_LARGE',
      details: { part: 1, table: 'claims', byteCap: 4096, bytes: expect.any(Number) },
      message: expect.stringContaining('SWITCHYARD_FEDERATION_PART_MAX_BYTES'),
    });
  });

  it('stops every other part when one source is down, then fails naming that source', async () => {
    const plan = await allowedPlan('SELECT s.id FROM lake.slow s JOIN gone.things t ON t.id = s.id', sources);
    const settled: { source: string; code: string | undefined }[] = [];
    const failure = await runFederatedPlan(plan, { runPart: executor(settled), maxRows: 100, limits }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SWY_ERR_SOURCE_UNAVAILABLE', statusCode: 502, details: { part: 2, source: 'gone', table: 'things' } });
    expect((failure as Error).message).toMatch(/^Part #2 of the federated answer \(gone\.things on source "gone"\): Source "gone" could not be opened/);
    // Nothing half-done: the slow part was cancelled and had ended before the plan failed.
    expect(settled).toEqual(expect.arrayContaining([{ source: 'gone', code: 'SWY_ERR_SOURCE_UNAVAILABLE' }, { source: 'lake', code: 'SWY_ERR_QUERY_CANCELLED' }]));
  });

  it('cancels every part when the caller’s signal aborts', async () => {
    const plan = await allowedPlan('SELECT s.id, e.name FROM lake.slow s JOIN hr.employees e ON e.emp_no = s.id', sources);
    const settled: { source: string; code: string | undefined }[] = [];
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(runFederatedPlan(plan, { runPart: executor(settled), maxRows: 100, limits, signal: controller.signal })).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_CANCELLED' });
    expect(settled).toContainEqual({ source: 'lake', code: 'SWY_ERR_QUERY_CANCELLED' });
  });
});

describe.each(forms)('key filters at run time (parts as %s)', (_form, chunks) => {
  const executor = () => executorOf(chunks);
  const keyed = `SELECT e.name, count(*) AS claims FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster WHERE c.claim_id < 10 GROUP BY e.name ORDER BY e.name`;

  it('run the keyed part after the part giving its values, with those values as an IN filter, guarded again', async () => {
    const plan = await allowedPlan(keyed, sources);
    const run = await runFederatedPlan(plan, { runPart: executor(), maxRows: 100, limits, guard: await testGuard() });
    expect(JSON.parse(JSON.stringify(run.result.rows))).toEqual((await reference(keyed)).map((row) => [row[0], Number(row[1])]));
    const employees = run.parts.find((part) => part.table === 'employees');
    expect(employees).toMatchObject({ rows: 10, sql: `SELECT "emp_no", "name" FROM "employees" WHERE "emp_no" IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)\nLIMIT 1001` });
  });

  it('run nothing for the keyed part when the other part found no rows, and the plan as written without a guard', async () => {
    const empty = keyed.replace('c.claim_id < 10', 'c.claim_id < 0');
    const run = await runFederatedPlan(await allowedPlan(empty, sources), { runPart: executor(), maxRows: 100, limits, guard: await testGuard() });
    expect(run.result.rows).toEqual([]);
    expect(run.parts.find((part) => part.table === 'employees')).toMatchObject({ rows: 0, sql: '' });
    const unkeyed = await runFederatedPlan(await allowedPlan(keyed, sources), { runPart: executor(), maxRows: 100, limits });
    expect(unkeyed.parts.find((part) => part.table === 'employees')).toMatchObject({ rows: 50 });
  });

  it('leave a key filter out when its values are too many to send', async () => {
    const plan = await allowedPlan(keyed, sources);
    const employees = plan.parts.find((part) => part.table === 'employees')!;
    const claims = plan.parts.find((part) => part.table === 'claims')!;
    const many = { part: claims, result: { columns: [], rows: Array.from({ length: maxKeyValues + 1 }, (_, index) => [index, index]), truncated: false } };
    expect(keyFilteredStatements(employees, new Map([[claims.index, many]]), await testGuard())).toEqual(employees.statements);
  });
});

describe('parts as DuckDB chunks', () => {
  it('move the same rows and bytes as JSON-safe rows, and the source executor reads SQL parts of DuckDB sources so', async () => {
    const plan = await allowedPlan(joinQuery, sources);
    const asRows = await runFederatedPlan(plan, { runPart: executorOf(false), maxRows: 100, limits });
    const handles = (name: string) => ({ connector: connectors.get(name)!, timeoutMs: 60_000 });
    const asChunks = await runFederatedPlan(plan, { runPart: sourcePartExecutor(handles), maxRows: 100, limits });
    expect(asChunks.result).toEqual(asRows.result);
    expect(asChunks.parts.map(({ rows, bytes }) => ({ rows, bytes }))).toEqual(asRows.parts.map(({ rows, bytes }) => ({ rows, bytes })));
    const reads: string[] = [];
    const spy = (name: string) => {
      const connector = connectors.get(name)!;
      return { timeoutMs: 60_000, connector: { execute: (...args: Parameters<DuckDbConnector['execute']>) => (reads.push('rows'), connector.execute(...args)), executeChunks: (...args: Parameters<DuckDbConnector['executeChunks']>) => (reads.push('chunks'), connector.executeChunks(...args)) } as unknown as DuckDbConnector };
    };
    await runFederatedPlan(plan, { runPart: sourcePartExecutor(spy), maxRows: 100, limits });
    expect(reads).toEqual(['chunks', 'chunks']);
  });
});

describe('a REST part’s response', () => {
  it('keeps only the extracted columns, by name, typed as the catalog says; the rest (personal data included) is dropped', () => {
    const response: QueryResult = {
      columns: [{ name: 'id', type: 'integer' }, { name: 'supplier.email', type: 'varchar' }, { name: 'Name', type: 'varchar' }],
      rows: [[1, 'a@example.com', 'Tent'], [2, 'b@example.com', null]],
      truncated: false,
    };
    const part = {
      index: 1, source: 'product', dialect: 'openapi', table: 'listProducts', combineTable: 'product.listProducts', columns: ['id', 'name', 'rating'],
      columnTypes: ['integer', 'varchar', 'double'], pushedFilters: [], sql: 'GET /products', requestLanguage: 'http-get' as const, statements: ['GET /products'], rowCap: 1000, keyFilters: [], tableColumns: [],
    };
    expect(alignPartResult(part, response)).toEqual({
      columns: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'varchar' }, { name: 'rating', type: 'double' }],
      rows: [[1, 'Tent', null], [2, null, null]],
      truncated: false,
    });
  });
});
