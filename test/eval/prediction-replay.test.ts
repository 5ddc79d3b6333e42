import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { detectBirdQuestionSet } from '../../src/eval/prediction-command.js';
import { readPredictionFile, type RecordedPrediction } from '../../src/eval/prediction-file-reader.js';
import { summarizePredictions } from '../../src/eval/prediction-report.js';
import { scorePredictions } from '../../src/eval/prediction-scorer.js';
import { loadBirdSuite, loadSpiderSuite } from '../../src/eval/sqlite-benchmark-suites.js';
import { sharedPath } from '../helpers/services.js';

/** Scores real Spider-format lines on the real Spider databases. */
async function scoreSpider(benchRoot: string, predictions: RecordedPrediction[]) {
  const suite = await loadSpiderSuite({ config: readServiceConfig({}), benchRoot, seedsRoot: '' });
  try {
    const run = await scorePredictions(suite, predictions);
    return { run, summary: summarizePredictions('spider', 'dev_gold.sql', { format: 'spider-lines', predictions }, run) };
  } finally {
    await suite.cleanup();
  }
}

describe('replaying real prediction files', () => {
  it("replays the first 40 lines of Spider's dev_gold.sql: whatever the extractor takes runs and matches by both rules", async (context) => {
    const spider = sharedPath('bench', 'spider');
    if (spider === undefined) return context.skip('../shared/bench/spider is absent');
    const lines = readPredictionFile(fs.readFileSync(path.join(spider, 'dev_gold.sql'), 'utf8')).predictions.slice(0, 40);
    const { run, summary } = await scoreSpider(path.dirname(spider), lines);
    expect(summary.questions).toBe(40);
    expect(summary.answered + summary.extractionFailed).toBe(40);
    const wrong = run.outcomes.filter((outcome) => outcome.stage !== 'extract' && !(outcome.correct && outcome.correctOfficial));
    expect(wrong.map((outcome) => `${outcome.id} ${outcome.stage}: ${outcome.problem ?? ''}`)).toEqual([]);
  }, 120_000);

  it('scores gold SQL around the missing wta_1 database right by both rules and leaves wta_1 out, with its range', async (context) => {
    const spider = sharedPath('bench', 'spider');
    if (spider === undefined) return context.skip('../shared/bench/spider is absent');
    if (fs.existsSync(path.join(spider, 'database', 'wta_1', 'wta_1.sqlite'))) return context.skip('wta_1 is present');
    // Questions 420–499 as a model's tagged replies, keyed by position as BIRD's JSON format allows.
    const gold = readPredictionFile(fs.readFileSync(path.join(spider, 'dev_gold.sql'), 'utf8')).predictions.slice(420, 500);
    const tagged = gold.map((line) => ({ ...line, reply: `Here it is:\n<sql>${line.reply}</sql>` }));
    const { summary } = await scoreSpider(path.dirname(spider), tagged);
    expect(summary).toMatchObject({ predictions: 80, missingDatabase: 62, missingDatabases: ['wta_1'], questions: 18, answered: 18 });
    expect(summary).toMatchObject({ correct: 18, correctOfficial: 18, exOfficial: 100, exOfficialRange: { low: 22.5, high: 100 } });
  }, 120_000);

  it('reports BIRD Mini-Dev replies as missing their databases when BIRD SQLite files are absent', async (context) => {
    const replies = sharedPath('bench', 'replies', 'bird-mini-dev', 'sql_output_kg', 'predict_mini_dev_gpt-4_sqlite.json');
    const bird = sharedPath('bench', 'bird');
    if (replies === undefined || bird === undefined) return context.skip('../shared/bench replies or BIRD are absent');
    if (fs.existsSync(path.join(bird, 'dev_databases'))) return context.skip('BIRD databases are present');
    const file = readPredictionFile(fs.readFileSync(replies, 'utf8'));
    const slice = file.predictions.slice(0, 25);
    const benchRoot = path.dirname(bird);
    expect(detectBirdQuestionSet(benchRoot, file.predictions)).toBe('mini-dev');
    const suite = await loadBirdSuite({ config: readServiceConfig({}), benchRoot, seedsRoot: '', birdQuestionSet: 'mini-dev', absentDatabasesSkipped: true });
    try {
      const run = await scorePredictions(suite, slice);
      const summary = summarizePredictions('bird', 'gpt-4', { ...file, predictions: slice }, run, 'mini-dev');
      expect(summary).toMatchObject({ predictions: 25, questions: 0, missingDatabase: 25, ex: 0, exOfficial: 0, officialRule: 'bird-set-match' });
      expect(summary.missingDatabases.length).toBeGreaterThan(0);
      expect(summary.exOfficialRange).toEqual({ low: 0, high: 100 });
    } finally {
      await suite.cleanup();
    }
  }, 60_000);
});
