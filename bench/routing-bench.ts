/**
 * `npm run bench:routing`: schema routing on Spider (166 databases pooled) and BIRD (80 databases
 * pooled). The index is built from schemas only (names, types, keys, readable names); dev
 * questions, gold SQL and gold database ids are used only to score the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { createTokenCounter } from '../src/llm/tokens/token-counter.js';
import { readServiceConfig } from '../src/config/service-config-reader.js';
import { LexicalRetriever } from '../src/routing/lexical-retriever.js';
import { splitWords } from '../src/routing/text-terms.js';
import { selectCandidates } from '../src/routing/candidate-selector.js';
import { readJson, schemasToSources, goldTables, type BenchmarkQuestion, type SpiderSchema } from './benchmark-schema-loader.js';
import { langChainTableInfoTokens } from './langchain-table-info-baseline.js';

const benchDirectory = readServiceConfig().benchDirectory ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'bench');
// The service's shipped defaults, so the figures are what a deployment routes with.
const { routingMaxTables: maxTables, routingMaxSources: maxSources, routingTokenBudget: tokenBudget } = readServiceConfig({});
const counter = createTokenCounter('cl100k');

interface Figures {
  readonly questions: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly tableSetRecall: number;
  readonly meanTables: number;
  readonly meanTokens: number;
  readonly baselineRecallAt1: number;
  readonly baselineRecallAt5: number;
}

function percent(part: number, whole: number): number {
  return Math.round((1000 * part) / Math.max(whole, 1)) / 10;
}

/**
 * Plain BM25 baseline: one document per database, its table and column names (original and readable,
 * the schema the router indexes) split into words at camelCase and snake_case, with no stemming,
 * stopwords, synonyms or per-table scoring.
 */
function baselineIndex(schemas: SpiderSchema[]): MiniSearch<{ id: string; names: string }> {
  const index = new MiniSearch<{ id: string; names: string }>({ fields: ['names'], tokenize: splitWords });
  index.addAll(
    schemas.map((schema) => ({
      id: schema.db_id,
      names: [...schema.table_names_original, ...schema.table_names, ...schema.column_names_original.map(([, name]) => name), ...schema.column_names.map(([, name]) => name)].join(' '),
    })),
  );
  return index;
}

function evaluate(schemas: SpiderSchema[], questions: BenchmarkQuestion[], withEvidence: boolean): Figures {
  const sources = schemasToSources(schemas);
  const retriever = new LexicalRetriever(sources);
  const baseline = baselineIndex(schemas);
  const tablesOf = new Map(schemas.map((schema) => [schema.db_id, schema.table_names_original]));
  let hit1 = 0, hit5 = 0, tableHit = 0, tables = 0, tokens = 0, baseline1 = 0, baseline5 = 0;
  for (const item of questions) {
    const text = withEvidence && item.evidence ? `${item.question} ${item.evidence}` : item.question;
    const result = retriever.retrieve(text);
    const ranked = result.sources.map((source) => source.source);
    if (ranked[0] === item.databaseId) hit1 += 1;
    if (ranked.slice(0, 5).includes(item.databaseId)) hit5 += 1;
    const candidates = selectCandidates(result, sources, { maxTables, maxSources, tokenBudget, countTokens: (value) => counter.count(value) });
    tokens += candidates.tokens;
    tables += candidates.sources.reduce((sum, source) => sum + source.tables.length, 0);
    const gold = goldTables(item.sql, tablesOf.get(item.databaseId) ?? []);
    const handed = new Set(candidates.sources.find((source) => source.source === item.databaseId)?.tables.map((table) => table.table) ?? []);
    if (gold.length > 0 && gold.every((table) => handed.has(table))) tableHit += 1;
    const baselineRanked = baseline.search(text, { combineWith: 'OR' }).map((hit) => hit.id as string);
    if (baselineRanked[0] === item.databaseId) baseline1 += 1;
    if (baselineRanked.slice(0, 5).includes(item.databaseId)) baseline5 += 1;
  }
  const count = questions.length;
  return {
    questions: count,
    recallAt1: percent(hit1, count),
    recallAt5: percent(hit5, count),
    tableSetRecall: percent(tableHit, count),
    meanTables: Math.round((10 * tables) / count) / 10,
    meanTokens: Math.round(tokens / count),
    baselineRecallAt1: percent(baseline1, count),
    baselineRecallAt5: percent(baseline5, count),
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(benchDirectory, 'spider', 'tables.json')) || !fs.existsSync(path.join(benchDirectory, 'bird', 'dev.json'))) {
    console.log(`bench:routing skipped: ${benchDirectory} has no spider/tables.json or bird/dev.json`);
    // Callers parse the last line as the result, so a skip ends with one JSON object too.
    console.log(JSON.stringify({ benchmark: 'routing', skipped: true, reason: 'benchmarks absent' }));
    return;
  }
  const spiderSchemas = await readJson<SpiderSchema[]>(path.join(benchDirectory, 'spider', 'tables.json'));
  const spiderQuestions = (await readJson<{ db_id: string; question: string; query: string }[]>(path.join(benchDirectory, 'spider', 'dev.json'))).map(
    (item): BenchmarkQuestion => ({ question: item.question, databaseId: item.db_id, sql: item.query }),
  );
  const birdSchemas = [
    ...(await readJson<SpiderSchema[]>(path.join(benchDirectory, 'bird', 'dev_tables.json'))),
    ...(await readJson<SpiderSchema[]>(path.join(benchDirectory, 'bird', 'train_tables.json'))),
  ];
  const birdQuestions = (await readJson<{ db_id: string; question: string; evidence: string; SQL: string }[]>(path.join(benchDirectory, 'bird', 'dev.json'))).map(
    (item): BenchmarkQuestion => ({ question: item.question, evidence: item.evidence, databaseId: item.db_id, sql: item.SQL }),
  );

  const started = performance.now();
  const spider = evaluate(spiderSchemas, spiderQuestions, false);
  const bird = evaluate(birdSchemas, birdQuestions, false);
  const birdEvidence = evaluate(birdSchemas, birdQuestions, true);
  const spiderLangChain = await langChainTableInfoTokens(spiderSchemas, path.join(benchDirectory, 'spider', 'database'), counter);
  const birdLangChain = await langChainTableInfoTokens(birdSchemas, undefined, counter);
  const elapsedMs = Math.round(performance.now() - started);

  const rows: [string, Figures, number][] = [
    [`Spider (${spiderSchemas.length} dbs)`, spider, spiderLangChain.pooledTokens],
    [`BIRD (${birdSchemas.length} dbs)`, bird, birdLangChain.pooledTokens],
    ['BIRD + evidence', birdEvidence, birdLangChain.pooledTokens],
  ];
  console.log('\nSchema routing (lexical, no model, no network); handed-over set ≤ %d tables from ≤ %d sources, ≤ %d tokens (cl100k)\n', maxTables, maxSources, tokenBudget);
  console.log('set              questions  R@1    R@5    table-set  tables  tokens  | BM25 R@1  R@5   | LangChain tokens  ratio');
  for (const [name, figures, langChain] of rows) {
    console.log(
      `${name.padEnd(17)}${String(figures.questions).padStart(9)}  ${figures.recallAt1.toFixed(1).padStart(5)}  ${figures.recallAt5.toFixed(1).padStart(5)}  ${figures.tableSetRecall.toFixed(1).padStart(9)}  ${figures.meanTables.toFixed(1).padStart(6)}  ${String(figures.meanTokens).padStart(6)}  | ${figures.baselineRecallAt1.toFixed(1).padStart(8)}  ${figures.baselineRecallAt5.toFixed(1).padStart(5)} | ${String(langChain).padStart(16)}  ${Math.round(langChain / Math.max(figures.meanTokens, 1))}×`,
    );
  }
  console.log(`\nLangChain baseline: ${spiderLangChain.method}`);
  console.log(`BIRD LangChain baseline: ${birdLangChain.method}`);
  console.log(`elapsed ${elapsedMs} ms`);
  console.log(
    JSON.stringify({
      spider: { ...spider, langChainTokens: spiderLangChain.pooledTokens, langChainMeasuredDatabases: spiderLangChain.measuredDatabases, tokenReduction: Math.round(spiderLangChain.pooledTokens / Math.max(spider.meanTokens, 1)) },
      bird,
      birdWithEvidence: birdEvidence,
      birdLangChainTokens: birdLangChain.pooledTokens,
      birdTokenReduction: Math.round(birdLangChain.pooledTokens / Math.max(bird.meanTokens, 1)),
      maxTables,
      maxSources,
      tokenBudget,
      elapsedMs,
    }),
  );
}

await main();
