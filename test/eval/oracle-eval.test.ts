import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { loadDefogSuite } from '../../src/eval/defog-suite.js';
import { runSuite } from '../../src/eval/eval-runner.js';
import type { EvalSuite, SuiteLoadOptions } from '../../src/eval/eval-types.js';
import { OracleLanguageModel } from '../../src/eval/oracle-language-model.js';
import { loadSeedsSuite } from '../../src/eval/seeds-suite.js';
import { loadBirdSuite, loadSpiderSuite } from '../../src/eval/sqlite-benchmark-suites.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { probeService, sharedPath } from '../helpers/services.js';

const limit = 20;

/** Runs a suite with the oracle double and returns the questions it got wrong by either rule, with reasons. */
async function oracleMisses(suite: EvalSuite): Promise<string[]> {
  try {
    const outcomes = await runSuite(suite, { oracle: new OracleLanguageModel() });
    expect(outcomes.length).toBe(suite.questions.length);
    return outcomes
      .filter((outcome) => !outcome.correct || !outcome.correctOfficial)
      .map((outcome) => `${outcome.id} (strict ${outcome.correct}, official ${outcome.correctOfficial}): ${outcome.problem ?? ''}`);
  } finally {
    await suite.cleanup();
  }
}

function loadOptions(benchRoot: string, seedsRoot = ''): SuiteLoadOptions {
  return { config: readServiceConfig({}), benchRoot, seedsRoot, limit };
}

describe('eval harness with the oracle double (gold SQL, gold source)', () => {
  it(`scores 100 % on the first ${limit} Spider questions whose database is present`, async (context) => {
    const bench = sharedPath('bench');
    if (bench === undefined || !fs.existsSync(path.join(bench, 'spider', 'database'))) return context.skip('Spider is absent');
    const suite = await loadSpiderSuite(loadOptions(bench));
    expect(suite.questions.length).toBe(limit);
    expect(await oracleMisses(suite)).toEqual([]);
  }, 120_000);

  it(`scores 100 % on the first ${limit} Spider questions when chain 1 routes among all databases`, async (context) => {
    const bench = sharedPath('bench');
    if (bench === undefined || !fs.existsSync(path.join(bench, 'spider', 'database'))) return context.skip('Spider is absent');
    const suite = await loadSpiderSuite({ ...loadOptions(bench), sourceGiven: false });
    expect(await oracleMisses(suite)).toEqual([]);
  }, 120_000);

  it(`scores 100 % on the first ${limit} defog questions loaded into PostgreSQL`, async (context) => {
    const bench = sharedPath('bench', 'defog');
    if (bench === undefined) return context.skip('defog is absent');
    const postgres = await probeService('postgres');
    if (!postgres.available) return context.skip(postgres.reason ?? 'postgres is absent');
    const suite = await loadDefogSuite(loadOptions(path.dirname(bench)));
    expect(suite.questions.length).toBe(limit);
    expect(await oracleMisses(suite)).toEqual([]);
  }, 180_000);

  it('scores 100 % on the seed questions over the demo data, routing included', async (context) => {
    const seeds = sharedPath('seeds');
    if (seeds === undefined) return context.skip('the seeds are absent');
    const loaded = await loadSeedsSuite({ config: readServiceConfig({}), benchRoot: '', seedsRoot: seeds });
    const suite: EvalSuite = { ...loaded, environment: { SWITCHYARD_DATA_DIR: testDataDirectory } };
    expect(suite.sourceGiven).toBe(false);
    expect(suite.questions.map((question) => question.question)).toContain('How many ticket sales are there?');
    expect(await oracleMisses(suite)).toEqual([]);
  }, 120_000);

  it('explains that BIRD needs its SQLite databases when they are absent', async (context) => {
    const bench = sharedPath('bench', 'bird');
    if (bench === undefined) return context.skip('BIRD is absent');
    if (fs.existsSync(path.join(bench, 'dev_databases'))) return context.skip('BIRD databases are present; covered by the harness');
    await expect(loadBirdSuite(loadOptions(path.dirname(bench)))).rejects.toThrow(/--bird-databases/);
  });
});
