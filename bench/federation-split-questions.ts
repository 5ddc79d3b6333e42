/**
 * The spider-split suite's questions for `npm run bench:federation`: each Spider database split
 * between a SQLite source and a DuckDB source, loaded by the eval's own suite loader and served by the
 * eval's app (the sources' real connectors), the rewritten gold SQL planned and run federated, against
 * the same gold in the suite's scoring engine, the one DuckDB that holds every table.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceConfig } from '../src/config/service-config.js';
import { buildEvalApp } from '../src/eval/eval-runner.js';
import { evalMaxRows, openScoringSource } from '../src/eval/execution-scorer.js';
import { loadSpiderSplitSuite } from '../src/eval/spider-split-suite.js';
import { readFederatedSource } from '../src/federation/federated-source-reader.js';
import { sourcePartExecutor } from '../src/federation/source-part-executor.js';
import type { SqlGuard } from '../src/guard/sql-guard.js';
import { timeQuestion, type BenchLimits, type QuestionFigures } from './federation-question-timer.js';

/** Why the suite cannot run here, or undefined when it can. */
export function splitSuiteAbsence(benchRoot: string): string | undefined {
  const dev = path.join(benchRoot, 'spider', 'dev.json');
  return fs.existsSync(dev) ? undefined : `${dev} is absent (the Spider benchmark lives in ../shared/bench)`;
}

/** Measures the suite's questions (the first `limit` of them when given), printing progress. */
export async function measureSplitQuestions(config: ServiceConfig, benchRoot: string, guard: SqlGuard, limitsOf: BenchLimits, limit?: number): Promise<QuestionFigures[]> {
  const suite = await loadSpiderSplitSuite({ config, benchRoot, seedsRoot: path.join(benchRoot, '..', 'seeds'), ...(limit === undefined ? {} : { limit }) });
  const scoring = suite.scoringSources?.[0];
  if (scoring === undefined) throw new Error('the spider-split suite names no scoring source');
  const reference = openScoringSource(scoring);
  const app = await buildEvalApp(suite);
  try {
    while (app.catalog.isRefreshing) await new Promise((resolve) => setTimeout(resolve, 20));
    const context = { guard, limits: limitsOf(config), runPart: sourcePartExecutor((name) => app.sources.handle(name)), maxRows: evalMaxRows };
    const figures: QuestionFigures[] = [];
    for (const question of suite.questions) {
      const sources = await Promise.all((question.goldSources ?? []).map(({ source }) => readFederatedSource(app.catalog.source(source), app.sources.handle(source))));
      const runSingle = async () => (await reference.connector.execute(question.goldSql, { maxRows: evalMaxRows, timeoutMs: reference.timeoutMs })).rows;
      figures.push(await timeQuestion(context, { label: question.id, sql: question.goldSql, sources, runSingle }));
      if (figures.length % 50 === 0) console.log(`  … ${figures.length}/${suite.questions.length}`);
    }
    return figures;
  } finally {
    await reference.connector.close();
    await app.close();
    await suite.cleanup();
  }
}
