/**
 * `npm run bench:catalog`: a generated catalog of 10,000 tables / 200,000 columns across 20
 * sources. Measures snapshot build (content hash) + routing index time, memory, and routing
 * latency (retrieval + candidate selection) p50/p99. Targets: ≤ 10 s, ≤ 500 MB, ≤ 20 ms p50.
 */
import crypto from 'node:crypto';
import type { CatalogSnapshot, CatalogSource, CatalogTable } from '../src/catalog/catalog-types.js';
import { createTokenCounter } from '../src/llm/tokens/token-counter.js';
import { SchemaRouter } from '../src/routing/schema-router.js';

const sourceCount = 20;
const tablesPerSource = 500;
const columnsPerTable = 20;
const questionCount = 300;

/** Deterministic pseudo-random numbers (mulberry32) so every run builds the same catalog. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  'account order customer invoice payment shipment product supplier warehouse inventory employee department salary ' +
  'claim policy fraud incident adjuster premium stock price volume trade portfolio ticker venue event ticket seller buyer ' +
  'listing category campaign lead opportunity contract vendor asset ledger journal budget forecast region country city ' +
  'store channel session click impression device subscription plan churn refund return discount coupon tax currency rate ' +
  'patient visit diagnosis treatment doctor clinic insurance batch sensor reading alert machine line shift defect quality'
).split(' ');
const types = ['integer', 'varchar', 'date', 'decimal(12,2)', 'timestamp', 'boolean'];

function generateCatalog(): CatalogSnapshot {
  const next = random(42);
  const pick = () => words[Math.floor(next() * words.length)]!;
  const sources: CatalogSource[] = [];
  for (let sourceIndex = 0; sourceIndex < sourceCount; sourceIndex += 1) {
    const tables: CatalogTable[] = [];
    for (let tableIndex = 0; tableIndex < tablesPerSource; tableIndex += 1) {
      const name = `${pick()}_${pick()}_${tableIndex}`;
      tables.push({
        name,
        description: `${pick()} ${pick()} records of the ${pick()} domain`,
        columns: Array.from({ length: columnsPerTable }, (_unused, columnIndex) => ({
          name: columnIndex === 0 ? `${name}_id` : `${pick()}_${pick()}`,
          type: types[columnIndex % types.length]!,
          nullable: columnIndex !== 0,
          ...(columnIndex % 5 === 1 ? { distinctValues: [pick(), pick(), pick()] } : {}),
        })),
        sampleRows: [],
        foreignKeys: tableIndex > 0 && next() < 0.5 ? [{ column: `${pick()}_${pick()}`, referencedTable: tables[Math.floor(next() * tables.length)]!.name, referencedColumn: 'id' }] : [],
      });
    }
    sources.push({ name: `source_${sourceIndex}`, kind: 'postgres', dialect: 'postgres', description: `${pick()} and ${pick()} data`, tables, examples: [], status: { healthy: true } });
  }
  const version = crypto.createHash('sha256').update(JSON.stringify(sources)).digest('hex').slice(0, 16);
  return { version, builtAt: new Date().toISOString(), sources };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  const snapshot = generateCatalog();
  const generatedMs = performance.now() - started;
  const counter = createTokenCounter('cl100k');
  const router = new SchemaRouter({ maxTables: 8, maxSources: 3, tokenBudget: 4000, fullCatalogTokens: 0, countTokens: (text) => counter.count(text) });
  const indexStarted = performance.now();
  router.prepare(snapshot);
  const indexMs = performance.now() - indexStarted;
  const buildMs = performance.now() - started;

  const next = random(7);
  const latencies: number[] = [];
  // Warm-up outside the measurement (JIT, tokenizer tables).
  await router.route(snapshot, 'total payment per customer', snapshot.sources.slice(0, 1));
  for (let index = 0; index < questionCount; index += 1) {
    const question = `What is the total ${words[Math.floor(next() * words.length)]} per ${words[Math.floor(next() * words.length)]} in 2023 for ${words[Math.floor(next() * words.length)]}?`;
    const questionStarted = performance.now();
    await router.route(snapshot, question, snapshot.sources);
    latencies.push(performance.now() - questionStarted);
  }
  latencies.sort((left, right) => left - right);
  const rssMb = Math.round((process.memoryUsage().rss - baseline) / 1e6);
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  const tables = snapshot.sources.reduce((sum, source) => sum + source.tables.length, 0);
  const columns = snapshot.sources.reduce((sum, source) => sum + source.tables.reduce((inner, table) => inner + table.columns.length, 0), 0);
  const figures = {
    sources: snapshot.sources.length,
    tables,
    columns,
    snapshotBuildMs: Math.round(generatedMs),
    indexMs: Math.round(indexMs),
    buildAndIndexMs: Math.round(buildMs),
    rssGrowthMb: rssMb,
    heapUsedMb: heapMb,
    routingP50Ms: Math.round(percentile(latencies, 0.5) * 100) / 100,
    routingP99Ms: Math.round(percentile(latencies, 0.99) * 100) / 100,
    questions: questionCount,
    targets: { buildAndIndexMs: 10_000, memoryMb: 500, routingP50Ms: 20 },
  };
  console.log(`catalog: ${figures.sources} sources, ${tables} tables, ${columns} columns`);
  console.log(`snapshot build ${figures.snapshotBuildMs} ms + index ${figures.indexMs} ms = ${figures.buildAndIndexMs} ms (target ≤ 10000)`);
  console.log(`memory: rss +${rssMb} MB, heap ${heapMb} MB (target ≤ 500)`);
  console.log(`routing latency over ${questionCount} questions: p50 ${figures.routingP50Ms} ms, p99 ${figures.routingP99Ms} ms (target p50 ≤ 20)`);
  console.log(JSON.stringify(figures));
}

await main();
