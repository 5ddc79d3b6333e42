import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { SqliteConnector } from '../../src/connectors/sqlite/sqlite-connector.js';
import type { EvalSuite } from '../../src/eval/eval-types.js';
import { ExecutionScorer } from '../../src/eval/execution-scorer.js';
import { testSuiteRule } from '../../src/eval/official-scoring-rule.js';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { readPredictionFile } from '../../src/eval/prediction-file-reader.js';
import { summarizePredictions } from '../../src/eval/prediction-report.js';
import { scorePredictions } from '../../src/eval/prediction-scorer.js';
import { loadSpiderSuite } from '../../src/eval/sqlite-benchmark-suites.js';

let benchRoot: string;

/** A Spider-shaped benchmark in a temporary folder: database `shop` present, database `gone` absent. */
beforeAll(async () => {
  benchRoot = fs.mkdtempSync(path.join(os.tmpdir(), `swy-predictions-${process.pid}-`));
  const SQL = await initSqlJs();
  const database = new SQL.Database();
  database.run(`CREATE TABLE item (name TEXT, price REAL, colour TEXT);
    INSERT INTO item VALUES ('lamp', 12.5, 'red'), ('desk', 80, 'red'), ('chair', 35, 'blue');`);
  fs.mkdirSync(path.join(benchRoot, 'spider', 'database', 'shop'), { recursive: true });
  fs.writeFileSync(path.join(benchRoot, 'spider', 'database', 'shop', 'shop.sqlite'), Buffer.from(database.export()));
  database.close();
  const gold = [
    ['shop', 'SELECT name, price FROM item'],
    ['shop', 'SELECT name FROM item ORDER BY price'],
    ['gone', 'SELECT 1'],
    ['shop', 'SELECT DISTINCT colour FROM item'],
    ['shop', 'SELECT count(*) FROM item'],
    ['shop', 'SELECT name FROM item'],
  ];
  const questions = gold.map(([databaseId, query]) => ({ db_id: databaseId, question: `Question about ${databaseId}`, query }));
  fs.writeFileSync(path.join(benchRoot, 'spider', 'dev.json'), JSON.stringify(questions));
});

afterAll(() => {
  fs.rmSync(benchRoot, { recursive: true, force: true });
});

async function scoreLines(text: string) {
  const suite: EvalSuite = await loadSpiderSuite({ config: readServiceConfig({}), benchRoot, seedsRoot: '' });
  try {
    const file = readPredictionFile(text);
    const run = await scorePredictions(suite, file.predictions);
    return { run, summary: summarizePredictions('spider', 'synthetic', file, run) };
  } finally {
    await suite.cleanup();
  }
}

describe('scoring recorded predictions through extract, guard, execute and compare', () => {
  it('scores by both rules, reports every stage, and leaves questions on a missing database out of both', async () => {
    const { run, summary } = await scoreLines(
      [
        '<sql>SELECT price, name FROM item</sql>\tshop',
        '<sql>SELECT name FROM item ORDER BY price DESC</sql>',
        '<sql>SELECT 1</sql>\tgone',
        '<sql>SELECT colour FROM item</sql>',
        '<sql>DELETE FROM item</sql>',
        'The answer is the list of names.',
      ].join('\n'),
    );
    expect(run.missing.map((skipped) => skipped.id)).toEqual(['dev#2']);
    expect(run.outcomes.map((outcome) => [outcome.id, outcome.stage, outcome.correct, outcome.correctOfficial])).toEqual([
      ['dev#0', 'compared', false, true],
      ['dev#1', 'compared', false, false],
      ['dev#3', 'compared', false, true],
      ['dev#4', 'guard', false, false],
      ['dev#5', 'extract', false, false],
    ]);
    expect(summary).toMatchObject({
      predictions: 6,
      missingDatabase: 1,
      missingDatabases: ['gone'],
      questions: 5,
      answered: 3,
      extractionFailed: 1,
      goldFailed: 0,
      correct: 0,
      correctOfficial: 2,
      ex: 0,
      exOfficial: 40,
      exOfficialRange: { low: 33.33, high: 50 },
    });
    expect(Object.values(summary.refusedByRule)).toEqual([1]);
  }, 60_000);

  it('counts a prediction right by both rules when it returns the gold rows as selected', async () => {
    const { summary } = await scoreLines('<sql>SELECT name, price FROM item</sql>\n<sql>SELECT name FROM item ORDER BY price</sql>\n');
    expect(summary).toMatchObject({ questions: 2, answered: 2, correct: 2, correctOfficial: 2, ex: 100, exOfficial: 100 });
  }, 60_000);

  it('refuses a file whose db_ids do not follow the questions', async () => {
    await expect(scoreLines('<sql>SELECT 1</sql>\tshop\n<sql>SELECT 1</sql>\tgone\n')).rejects.toThrow(/names database gone/);
    await expect(scoreLines(Array.from({ length: 7 }, () => '<sql>SELECT 1</sql>').join('\n'))).rejects.toThrow(/has no question/);
  }, 60_000);
});

describe('the execution scorer', () => {
  it('re-reads rows that reached it another way than the connector before the exact official comparison', async () => {
    const connector = new SqliteConnector({
      name: 'shop',
      kind: 'sqlite',
      connection: { database: path.join(benchRoot, 'spider', 'database', 'shop', 'shop.sqlite') },
    });
    try {
      const scorer = new ExecutionScorer(await SqlGuard.create(), testSuiteRule);
      const source = { connector, timeoutMs: 10_000, guardContext: { dialect: 'sqlite' as const, allowedTables: ['item'] } };
      const question = { id: 'q', question: 'Price of the lamp?', source: 'shop', goldSql: "SELECT price FROM item WHERE name = 'lamp'", difficulty: 'easy' };
      // As an HTTP reply may carry it: the number as text. The strict rule reads numeric text as the number.
      const transported = { rows: [['12.5']], truncated: false };
      const sql = "SELECT price FROM item WHERE name = 'lamp'";
      expect(await scorer.score(source, question, sql, transported)).toMatchObject({ strict: true, official: false });
      expect(await scorer.score(source, question, sql, transported, true)).toMatchObject({ strict: true, official: true });
    } finally {
      await connector.close();
    }
  }, 60_000);
});
