/*
 * Guard acceptance benchmark: every gold query of the stored text-to-SQL benchmarks (Spider dev, BIRD dev,
 * BIRD Mini-Dev in three dialects, defog sql-eval) must be accepted by the read-only guard with the table
 * policy set to its database's tables. Prints counts per set, the first rejections, latency, and a final
 * JSON line. Run: `npm run bench:guard` (tsx bench/guard-bench.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqlGuard } from '../src/guard/sql-guard.js';
import { loadGoldQueries } from '../test/guard/gold-query-loader.js';

const rowLimit = 1000;
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchRoot = path.resolve(repositoryRoot, '..', 'shared', 'bench');

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  if (!fs.existsSync(benchRoot)) {
    console.log(`[skip] ${benchRoot} is absent; the guard benchmark needs the shared benchmarks.`);
    console.log(JSON.stringify({ skipped: true, reason: 'benchmarks absent' }));
    return;
  }
  const guard = await SqlGuard.create();
  const queries = loadGoldQueries(benchRoot);
  // Warm up the parsers' JIT paths so the timings describe steady state.
  for (const query of queries.slice(0, 200)) guard.check({ ...query, rowLimit });
  const perSet = new Map<string, { total: number; accepted: number }>();
  const rejected: { set: string; id: string; rule: string; reason: string; sql: string }[] = [];
  const timings: number[] = [];
  for (const query of queries) {
    const started = process.hrtime.bigint();
    const verdict = guard.check({ sql: query.sql, dialect: query.dialect, allowedTables: query.allowedTables, rowLimit });
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    const counts = perSet.get(query.set) ?? { total: 0, accepted: 0 };
    counts.total += 1;
    if (verdict.allowed) counts.accepted += 1;
    else rejected.push({ set: query.set, id: query.id, rule: verdict.rule, reason: verdict.reason, sql: query.sql });
    perSet.set(query.set, counts);
  }
  timings.sort((left, right) => left - right);
  console.log('set                       accepted / total');
  for (const [set, counts] of perSet) console.log(`${set.padEnd(26)}${String(counts.accepted).padStart(8)} / ${counts.total}`);
  const byRule = new Map<string, number>();
  for (const item of rejected) byRule.set(item.rule, (byRule.get(item.rule) ?? 0) + 1);
  console.log(`rejected: ${rejected.length} ${JSON.stringify(Object.fromEntries(byRule))}`);
  for (const item of rejected.slice(0, 20)) {
    console.log(`- [${item.set} ${item.id}] ${item.rule}: ${item.reason}\n    ${item.sql.slice(0, 240)}`);
  }
  const p50 = percentile(timings, 0.5);
  const p99 = percentile(timings, 0.99);
  console.log(`guard time per query: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
  console.log(
    JSON.stringify({
      total: queries.length,
      accepted: queries.length - rejected.length,
      rejected: rejected.length,
      perSet: Object.fromEntries(perSet),
      rejectedByRule: Object.fromEntries(byRule),
      p50Ms: Number(p50.toFixed(4)),
      p99Ms: Number(p99.toFixed(4)),
    }),
  );
}

await main();
