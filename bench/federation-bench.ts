/**
 * `npm run bench:federation`: the demo's cross-source example questions answered as federated plans
 * through the demo's real connectors (DuckDB files, Parquet views, the local REST API), with and without
 * pushdown, against the same query run inside one DuckDB that holds every table. Per question: rows
 * moved from the sources each way, the federated path's and the single engine's median time over five
 * runs after a warm-up; overall the process's peak resident memory. Prints a table, then one JSON object.
 */
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { findProjectRoot } from '../src/config/project-root.js';
import { readServiceConfig } from '../src/config/service-config-reader.js';
import { ensureDemoData } from '../src/demo/demo-data-generator.js';
import type { FederatedRun } from '../src/federation/federated-plan.js';
import type { FederatedSource } from '../src/federation/federated-plan-request.js';
import { runFederatedPlan } from '../src/federation/federated-plan-runner.js';
import { planFederatedQuery } from '../src/federation/federated-query-planner.js';
import { readFederatedSource } from '../src/federation/federated-source-reader.js';
import { sourcePartExecutor } from '../src/federation/source-part-executor.js';
import { federationLimits } from '../src/federation/federation-limits.js';
import { SqlGuard } from '../src/guard/sql-guard.js';
import { openAllDemoSources } from '../test/demo/demo-test-support.js';

const runs = 5;
const maxRows = 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (value: number) => Math.round(value * 100) / 100;

const root = findProjectRoot();
const dataDirectory = process.env.SWITCHYARD_DATA_DIR ?? path.join(root, '.artifacts', 'bench-data');
await ensureDemoData(dataDirectory);
const config = readServiceConfig({ ...process.env, SWITCHYARD_DATA_DIR: dataDirectory, SWITCHYARD_CATALOG_DIR: path.join(root, 'catalog'), SWITCHYARD_CACHE: 'off' } as Record<string, string>);
const app = await buildApp({ config });
while (app.catalog.isRefreshing) await new Promise((resolve) => setTimeout(resolve, 20));
const everything = await openAllDemoSources(dataDirectory);
const guard = await SqlGuard.create();
// Large enough that the whole-table extractions fit; the figures compare, they do not test the caps.
const limits = { ...federationLimits(config), partMaxRows: 2_000_000, partMaxBytes: 1024 * 1024 * 1024, combineMemoryMb: 2048 };

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

const federatedSource = (name: string) => readFederatedSource(app.catalog.source(name), app.sources.handle(name));

async function federated(sql: string, sources: FederatedSource[], pushdown: boolean): Promise<{ run: FederatedRun; milliseconds: number }> {
  const started = performance.now();
  const verdict = planFederatedQuery({ sql, sources, guard, rowLimit: maxRows + 1, partRowCap: limits.partMaxRows, pushdown });
  if (!verdict.allowed) throw new Error(`refused (${verdict.rule}): ${verdict.reason}`);
  const run = await runFederatedPlan(verdict.plan, {
    maxRows,
    limits,
    guard,
    runPart: sourcePartExecutor((name) => app.sources.handle(name)),
  });
  return { run, milliseconds: performance.now() - started };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const rowsMoved = (run: FederatedRun) => run.parts.reduce((total, part) => total + part.rows, 0);
const examples = app.catalog.snapshot.sources.flatMap((source) => source.crossSourceExamples ?? []);
const results = [];
for (const example of examples) {
  const sources = await Promise.all(example.sources.map(federatedSource));
  const whole = await federated(example.sql, sources, false);
  await federated(example.sql, sources, true);
  await everything.query(example.sql);
  const federatedTimes: number[] = [];
  const singleTimes: number[] = [];
  let pushed = whole;
  for (let run = 0; run < runs; run += 1) {
    pushed = await federated(example.sql, sources, true);
    federatedTimes.push(pushed.milliseconds);
    singleTimes.push(await timed(() => everything.query(example.sql)));
  }
  results.push({
    question: example.question,
    sources: example.sources,
    rowsMovedPushdown: rowsMoved(pushed.run),
    rowsMovedWhole: rowsMoved(whole.run),
    bytesMovedPushdown: pushed.run.parts.reduce((total, part) => total + part.bytes, 0),
    federatedMsP50: round(median(federatedTimes)),
    singleEngineMsP50: round(median(singleTimes)),
  });
}
clearInterval(sampler);
everything.close();
await app.close();

for (const result of results) {
  console.log(
    `${result.question}\n  rows moved ${result.rowsMovedPushdown} with pushdown, ${result.rowsMovedWhole} without (${round(result.rowsMovedWhole / Math.max(1, result.rowsMovedPushdown))}x); ` +
      `federated ${result.federatedMsP50} ms, one engine ${result.singleEngineMsP50} ms (${round(result.federatedMsP50 / result.singleEngineMsP50)}x)`,
  );
}
const totalPushdown = results.reduce((total, result) => total + result.rowsMovedPushdown, 0);
const totalWhole = results.reduce((total, result) => total + result.rowsMovedWhole, 0);
console.log(
  JSON.stringify({
    suite: 'demo-cross-source',
    questions: results.length,
    rowsMovedPushdown: totalPushdown,
    rowsMovedWhole: totalWhole,
    pushdownReduction: round(totalWhole / Math.max(1, totalPushdown)),
    federatedMsP50: round(median(results.map((result) => result.federatedMsP50))),
    singleEngineMsP50: round(median(results.map((result) => result.singleEngineMsP50))),
    federatedToSingleEngineP50: round(median(results.map((result) => result.federatedMsP50 / result.singleEngineMsP50))),
    peakRssMb: round(peakRss / (1024 * 1024)),
    perQuestion: results,
  }),
);
