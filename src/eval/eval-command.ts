/**
 * `npm run eval -- --suite seeds|spider|spider-split|bird|defog [--limit N] [--oracle] [--routing given|catalog]
 * [--bird-databases DIR] [--bench DIR]`: execution accuracy of the full pipeline (POST /query on the
 * real app) with the configured LLM, or with the oracle double that must score 100 %.
 * `--predictions FILE [--bird-questions dev|mini-dev]` scores recorded model output instead, no model.
 * Both print the strict and the official (benchmark authors') accuracy. The last line printed is one
 * JSON object (the summary); the full report goes to .artifacts/eval/. A suite whose questions span
 * sources (spider-split) also reports routing's federation recall, measured without a model.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findProjectRoot } from '../config/project-root.js';
import type { ServiceConfig } from '../config/service-config.js';
import { readServiceConfig } from '../config/service-config-reader.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { createLanguageModel } from '../llm/language-model-factory.js';
import { readLlmSettings } from '../llm/llm-settings.js';
import { loadDefogSuite } from './defog-suite.js';
import { formatSummary, summarize, writeReport } from './eval-report.js';
import { runSuite } from './eval-runner.js';
import type { EvalSuite, SuiteLoadOptions } from './eval-types.js';
import { OracleLanguageModel } from './oracle-language-model.js';
import { runPredictionsCommand } from './prediction-command.js';
import { loadSeedsSuite } from './seeds-suite.js';
import { loadBirdSuite, loadSpiderSuite } from './sqlite-benchmark-suites.js';
import { measureFederationRecall, type FederationRecall } from './federation-recall.js';
import { loadSpiderSplitSuite } from './spider-split-suite.js';

const loaders: Record<string, (options: SuiteLoadOptions) => Promise<EvalSuite>> = {
  seeds: loadSeedsSuite,
  spider: loadSpiderSuite,
  'spider-split': loadSpiderSplitSuite,
  bird: loadBirdSuite,
  defog: loadDefogSuite,
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      limit: { type: 'string' },
      oracle: { type: 'boolean', default: false },
      routing: { type: 'string' },
      'bird-databases': { type: 'string' },
      bench: { type: 'string' },
      seeds: { type: 'string' },
      predictions: { type: 'string' },
      'bird-questions': { type: 'string' },
    },
  });
  const suiteName = values.suite ?? '';
  const loader = loaders[suiteName];
  if (loader === undefined) {
    console.error(`--suite must be one of ${Object.keys(loaders).join(', ')}`);
    return 2;
  }
  if (values.routing !== undefined && values.routing !== 'given' && values.routing !== 'catalog') {
    console.error('--routing must be "given" (the request names the benchmark database) or "catalog" (chain 1 routes)');
    return 2;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    console.error('--limit must be a positive integer');
    return 2;
  }
  const birdQuestions = values['bird-questions'];
  if (birdQuestions !== undefined && birdQuestions !== 'dev' && birdQuestions !== 'mini-dev') {
    console.error('--bird-questions must be "dev" (bird/dev.json) or "mini-dev" (bird/mini_dev/mini_dev_sqlite.json)');
    return 2;
  }
  let config: ServiceConfig;
  try {
    config = readServiceConfig();
  } catch (error) {
    if (!SwitchyardError.isInstance(error)) throw error;
    console.error(`${error.code}: ${error.message}`);
    return 2;
  }
  const root = findProjectRoot();
  const shared = path.resolve(root, '..', 'shared');
  const loadOptions: SuiteLoadOptions = {
    config,
    benchRoot: values.bench ?? path.join(shared, 'bench'),
    seedsRoot: values.seeds ?? path.join(shared, 'seeds'),
    ...(values['bird-databases'] ? { birdDatabases: path.resolve(values['bird-databases']) } : {}),
    ...(values.routing !== undefined ? { sourceGiven: values.routing === 'given' } : {}),
    ...(birdQuestions !== undefined ? { birdQuestionSet: birdQuestions } : {}),
  };
  if (values.predictions !== undefined) {
    try {
      return await runPredictionsCommand({
        suiteName,
        load: loader,
        loadOptions,
        file: path.resolve(values.predictions),
        root,
        ...(limit !== undefined ? { limit } : {}),
        ...(birdQuestions !== undefined ? { birdQuestionSet: birdQuestions } : {}),
      });
    } catch (error) {
      // A misaligned file or an unloadable suite still ends with the one JSON line callers parse.
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Predictions for ${suiteName} cannot be scored: ${reason}`);
      console.log(JSON.stringify({ suite: suiteName, predictionsFile: values.predictions, skipped: true, reason }));
      return 2;
    }
  }
  const oracle = values.oracle ? new OracleLanguageModel() : undefined;
  let model = 'oracle';
  if (oracle === undefined) {
    const creation = createLanguageModel(readLlmSettings(config));
    if ('missing' in creation) {
      console.error(`No language model is configured: set ${creation.missing.join(', ')} (see README, "Language models"), or pass --oracle.`);
      return 2;
    }
    model = `${creation.model.provider}/${creation.model.modelId}`;
  }
  let suite: EvalSuite;
  try {
    suite = await loader({ ...loadOptions, ...(limit !== undefined ? { limit } : {}) });
  } catch (error) {
    console.error(`Suite ${suiteName} cannot run: ${error instanceof Error ? error.message : String(error)}`);
    console.log(JSON.stringify({ suite: suiteName, skipped: true, reason: error instanceof Error ? error.message : String(error) }));
    return 0;
  }
  try {
    console.log(`suite ${suite.name}: ${suite.questions.length} question(s), ${suite.skipped.length} skipped, routing ${suite.sourceGiven ? 'given' : 'catalog'}`);
    const recall: FederationRecall | undefined = suite.federated ? await measureFederationRecall(suite) : undefined;
    if (recall !== undefined) {
      console.log(`federation recall ${recall.recall} % (${recall.handedOver}/${recall.questions} handed over every gold source and table; ${recall.markedFederated} marked as spanning sources)`);
      for (const miss of recall.misses) console.log(`  ✗ routing ${miss.id}: missing ${miss.missing.join(', ')}`);
    }
    const outcomes = await runSuite(suite, {
      ...(oracle ? { oracle } : {}),
      onOutcome: (outcome, index) => {
        if (!outcome.correct) console.log(`  ✗ ${outcome.id} [${outcome.difficulty}] ${outcome.problem ?? ''}`);
        if ((index + 1) % 50 === 0) console.log(`  … ${index + 1}/${suite.questions.length}`);
      },
    });
    const summary = summarize(suite.name, model, outcomes, suite.skipped);
    const reportFile = await writeReport(path.join(root, '.artifacts', 'eval'), { ...summary, ...(recall ? { federationRecall: recall } : {}) }, outcomes, suite.skipped);
    for (const line of formatSummary(summary, suite.skipped)) console.log(line);
    console.log(`report: ${path.relative(root, reportFile)}`);
    console.log(JSON.stringify({ ...summary, ...(recall ? { federationRecall: recall.recall } : {}), reportFile: path.relative(root, reportFile) }));
    return 0;
  } finally {
    await suite.cleanup();
  }
}

process.exitCode = await main();
