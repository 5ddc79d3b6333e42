import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckDbJsonSafeConverter } from '../../src/connectors/duckdb/duckdb-value-converter.js';
import type { FederatedPlan, FederatedRun } from '../../src/federation/federated-plan.js';
import type { FederatedSource } from '../../src/federation/federated-plan-request.js';
import { readFederatedSource } from '../../src/federation/federated-source-reader.js';
import { runFederatedPlan } from '../../src/federation/federated-plan-runner.js';
import { planFederatedQuery } from '../../src/federation/federated-query-planner.js';
import type { FederationLimits } from '../../src/federation/federation-limits.js';
import { sourcePartExecutor } from '../../src/federation/source-part-executor.js';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { openAllDemoSources, type OpenSource } from '../demo/demo-test-support.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { buildTestApp } from '../helpers/test-app.js';

// The demo as a newcomer starts it: its real connectors (DuckDB files, Parquet views, the local REST
// API), planned and run as a federated answer, against one DuckDB holding every source's tables.
let app: FastifyInstance;
let everything: OpenSource;
let guard: SqlGuard;

beforeAll(async () => {
  app = await buildTestApp();
  while (app.catalog.isRefreshing) await new Promise((resolve) => setTimeout(resolve, 20));
  everything = await openAllDemoSources(testDataDirectory);
  guard = await SqlGuard.create();
});

afterAll(async () => {
  everything?.close();
  await app?.close();
});

// Large enough that the whole-table extractions measured below fit.
const limits: FederationLimits = { partMaxRows: 2_000_000, partMaxBytes: 512 * 1024 * 1024, combineMemoryMb: 1024, combineTimeoutMs: 60_000 };
const maxRows = 1000;

const federatedSource = (name: string) => readFederatedSource(app.catalog.source(name), app.sources.handle(name));

async function planAndRun(sql: string, sources: FederatedSource[], pushdown: boolean): Promise<{ plan: FederatedPlan; run: FederatedRun }> {
  const verdict = planFederatedQuery({ sql, sources, guard, rowLimit: maxRows + 1, partRowCap: limits.partMaxRows, pushdown });
  if (!verdict.allowed) throw new Error(`refused (${verdict.rule}): ${verdict.reason}`);
  const run = await runFederatedPlan(verdict.plan, {
    maxRows,
    limits,
    guard,
    runPart: sourcePartExecutor((name) => app.sources.handle(name)),
  });
  return { plan: verdict.plan, run };
}

async function inOneEngine(sql: string): Promise<unknown[][]> {
  return (await everything.connection.runAndReadAll(sql)).convertRows(duckDbJsonSafeConverter);
}

const rowsMoved = (run: FederatedRun) => run.parts.reduce((total, part) => total + part.rows, 0);

describe('the demo’s cross-source example questions, answered federated', () => {
  const examples = () => app.catalog.snapshot.sources.flatMap((source) => source.crossSourceExamples ?? []);

  it('has the four examples of the overlays', () => {
    expect(examples().map((example) => [...example.sources].sort().join('+')).sort()).toEqual(['finance+sales', 'hr+legal', 'hr+legal', 'product+sales']);
  });

  it('gives, with and without pushdown, exactly the rows one engine holding every table gives', async () => {
    const moved: string[] = [];
    for (const example of examples()) {
      const sources = await Promise.all(example.sources.map(federatedSource));
      const expected = await inOneEngine(example.sql);
      const pushed = await planAndRun(example.sql, sources, true);
      const whole = await planAndRun(example.sql, sources, false);
      expect(expected.length, example.question).toBeGreaterThan(0);
      expect(pushed.run.result.rows, example.question).toEqual(expected);
      expect(whole.run.result.rows, example.question).toEqual(expected);
      expect(pushed.run.result.truncated).toBe(false);
      expect(rowsMoved(pushed.run), example.question).toBeLessThanOrEqual(rowsMoved(whole.run));
      for (const part of pushed.plan.parts) expect(part.columns.length, `${example.question}: ${part.combineTable}`).toBeLessThan(app.catalog.source(part.source).tables.find((table) => table.name === part.table)!.columns.length + 1);
      const perPart = pushed.run.parts.map((part, index) => `${pushed.plan.parts[index]?.combineTable} ${part.rows}/${whole.run.parts[index]?.rows}`).join(', ');
      moved.push(`${example.question}: ${rowsMoved(pushed.run)} rows moved with pushdown, ${rowsMoved(whole.run)} without (${perPart})`);
    }
    console.log(`[federation] demo cross-source examples:\n  ${moved.join('\n  ')}`);
  }, 180_000);

  it('pushes the examples’ filters into their parts', async () => {
    const legal = examples().find((example) => example.sql.includes('hr.titles'))!;
    const { plan } = await planAndRun(legal.sql, await Promise.all(legal.sources.map(federatedSource)), true);
    expect(plan.parts.find((part) => part.combineTable === 'hr.titles')?.pushedFilters).toEqual([`"to_date" = DATE '9999-01-01'`]);
    expect(plan.parts.find((part) => part.combineTable === 'legal.claims')?.pushedFilters).toEqual([
      `"write_time" >= TIMESTAMP '2024-01-01 00:00:00'`,
      `"write_time" < TIMESTAMP '2025-01-01 00:00:00'`,
    ]);
    const weather = examples().find((example) => example.sources.includes('product'))!;
    const rest = (await planAndRun(weather.sql, await Promise.all(weather.sources.map(federatedSource)), true)).plan.parts.find((part) => part.source === 'product');
    expect(rest?.statements).toEqual(['Seattle', 'Chicago', 'Miami', 'Denver', 'Boston'].map((city) => `GET /weather/${city}`));
  }, 60_000);
});
