/**
 * `npm run bench:federation [-- --split-limit N]`: federated answers against one engine holding every
 * table, for two suites: the demo's cross-source example questions (through the demo's real
 * connectors) and the spider-split eval suite (each Spider database split between a SQLite source and
 * a DuckDB source; skipped, saying why, when ../shared is absent). Per question: rows moved with and
 * without pushdown, the federated path's and the single engine's median time over five runs after a
 * warm-up. Per suite: the pushdown reduction on the questions whose plan pushed a filter or a key
 * filter and over all, the p50 times and the p50 ratio; overall the process's peak resident memory.
 * Prints each suite's figures, then one JSON object; the split suite's per-question figures go to
 * .artifacts/bench/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findProjectRoot } from '../src/config/project-root.js';
import type { ServiceConfig } from '../src/config/service-config.js';
import { readServiceConfig } from '../src/config/service-config-reader.js';
import { federationLimits } from '../src/federation/federation-limits.js';
import { SqlGuard } from '../src/guard/sql-guard.js';
import { measureDemoQuestions } from './federation-demo-questions.js';
import { round } from './federation-question-timer.js';
import { measureSplitQuestions, splitSuiteAbsence } from './federation-split-questions.js';
import { summarizeSuite, summaryLines, type SuiteSummary } from './federation-suite-summary.js';

const { values } = parseArgs({ options: { 'split-limit': { type: 'string' } } });
const splitLimit = values['split-limit'] === undefined ? undefined : Number(values['split-limit']);
const root = findProjectRoot();
const config = readServiceConfig();
const benchRoot = config.benchDirectory ?? path.resolve(root, '..', 'shared', 'bench');
const guard = await SqlGuard.create();
// Large enough that the whole-table extractions fit; the figures compare, they do not test the caps.
const limitsOf = (suiteConfig: ServiceConfig) => ({ ...federationLimits(suiteConfig), partMaxRows: 2_000_000, partMaxBytes: 1024 * 1024 * 1024, combineMemoryMb: 2048 });

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);

const demoFigures = await measureDemoQuestions(root, guard, limitsOf);
const demo = summarizeSuite('demo', demoFigures);
for (const question of demoFigures) {
  console.log(
    `${question.label}\n  rows moved ${question.rowsMovedPushdown} with pushdown, ${question.rowsMovedWhole} without; ` +
      `federated ${question.federatedMs} ms (plan ${question.planMs}, parts ${question.extractMs}, combine ${question.combineMs}), one engine ${question.singleEngineMs} ms (${round(question.federatedMs / question.singleEngineMs)}x)`,
  );
}
for (const line of summaryLines(demo)) console.log(line);

const absence = splitSuiteAbsence(benchRoot);
let split: SuiteSummary | { suite: string; skipped: true; reason: string };
if (absence === undefined) {
  console.log('spider-split: loading the suite (splitting every Spider database, checking each rewritten gold)…');
  const splitFigures = await measureSplitQuestions(config, benchRoot, guard, limitsOf, splitLimit);
  split = summarizeSuite('spider-split', splitFigures);
  for (const line of summaryLines(split)) console.log(line);
  const reportDirectory = path.join(root, '.artifacts', 'bench');
  fs.mkdirSync(reportDirectory, { recursive: true });
  const reportFile = path.join(reportDirectory, 'federation-spider-split.json');
  fs.writeFileSync(reportFile, JSON.stringify({ summary: split, perQuestion: splitFigures }, null, 2));
  console.log(`  per question: ${path.relative(root, reportFile)}`);
} else {
  console.log(`[skip] spider-split: ${absence}`);
  split = { suite: 'spider-split', skipped: true, reason: absence };
}
clearInterval(sampler);

const headline = (summary: SuiteSummary | { skipped: true }) =>
  'skipped' in summary ? {} : { pushdownReductionFiltered: summary.pushdownReductionFiltered, federatedToSingleEngineP50: summary.federatedToSingleEngineP50 };
console.log(
  JSON.stringify({
    benchmark: 'federation',
    demoPushdownReductionFiltered: demo.pushdownReductionFiltered,
    demoFederatedToSingleEngineP50: demo.federatedToSingleEngineP50,
    ...Object.fromEntries(Object.entries(headline(split)).map(([key, value]) => [`spiderSplit${key[0]!.toUpperCase()}${key.slice(1)}`, value])),
    peakRssMb: round(peakRss / (1024 * 1024)),
    demo: { ...demo, perQuestion: demoFigures },
    spiderSplit: split,
  }),
);
