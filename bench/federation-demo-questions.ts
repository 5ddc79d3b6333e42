/**
 * The demo's cross-source example questions for `npm run bench:federation`: the demo app's real
 * connectors (DuckDB files, Parquet views, the local REST API), against one DuckDB that holds every
 * demo table (the sources attached, the REST operation's rows as a table).
 */
import path from 'node:path';
import { buildApp } from '../src/app.js';
import type { ServiceConfig } from '../src/config/service-config.js';
import { readServiceConfig } from '../src/config/service-config-reader.js';
import { duckDbJsonSafeConverter } from '../src/connectors/duckdb/duckdb-value-converter.js';
import { ensureDemoData } from '../src/demo/demo-data-generator.js';
import { readFederatedSource } from '../src/federation/federated-source-reader.js';
import { sourcePartExecutor } from '../src/federation/source-part-executor.js';
import type { SqlGuard } from '../src/guard/sql-guard.js';
import { openAllDemoSources } from '../test/demo/demo-test-support.js';
import { timeQuestion, type BenchLimits, type QuestionFigures } from './federation-question-timer.js';

/** Rows the demo's answers return at most (the service's default cap). */
const maxRows = 1000;

/** Measures every cross-source example question of the demo's overlays. */
export async function measureDemoQuestions(root: string, guard: SqlGuard, limitsOf: BenchLimits): Promise<QuestionFigures[]> {
  const dataDirectory = process.env.SWITCHYARD_DATA_DIR ?? path.join(root, '.artifacts', 'bench-data');
  await ensureDemoData(dataDirectory);
  const config: ServiceConfig = readServiceConfig({ ...process.env, SWITCHYARD_DATA_DIR: dataDirectory, SWITCHYARD_CATALOG_DIR: path.join(root, 'catalog'), SWITCHYARD_CACHE: 'off' } as Record<string, string>);
  const app = await buildApp({ config });
  const everything = await openAllDemoSources(dataDirectory);
  try {
    while (app.catalog.isRefreshing) await new Promise((resolve) => setTimeout(resolve, 20));
    const context = { guard, limits: limitsOf(config), runPart: sourcePartExecutor((name) => app.sources.handle(name)), maxRows };
    const figures: QuestionFigures[] = [];
    for (const example of app.catalog.snapshot.sources.flatMap((source) => source.crossSourceExamples ?? [])) {
      const sources = await Promise.all(example.sources.map((name) => readFederatedSource(app.catalog.source(name), app.sources.handle(name))));
      const runSingle = async () => (await everything.connection.runAndReadAll(example.sql)).convertRows(duckDbJsonSafeConverter) as unknown[][];
      figures.push(await timeQuestion(context, { label: example.question, sql: example.sql, sources, runSingle }));
    }
    return figures;
  } finally {
    everything.close();
    await app.close();
  }
}
