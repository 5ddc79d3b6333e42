import fs from 'node:fs';
import path from 'node:path';
import type { SourceConfig } from '../sources/source-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { sourceNameFor, writeTemporaryCatalog } from './eval-catalog-writer.js';
import type { BirdQuestionSet, EvalQuestion, EvalSuite, SkippedQuestion, SuiteLoadOptions } from './eval-types.js';
import { spiderHardness } from './spider-hardness.js';

/** One question of a SQLite benchmark, read from its JSON file. */
interface BenchmarkItem {
  readonly id: string;
  readonly databaseId: string;
  readonly question: string;
  readonly goldSql: string;
  readonly difficulty: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Builds a suite over `<databases>/<db_id>/<db_id>.sqlite`, skipping questions whose database is absent. */
async function sqliteSuite(name: string, items: BenchmarkItem[], databases: string, options: SuiteLoadOptions): Promise<EvalSuite> {
  const skipped: SkippedQuestion[] = [];
  const questions: EvalQuestion[] = [];
  const sources = new Map<string, SourceConfig>();
  for (const [ordinal, item] of items.entries()) {
    const file = path.join(databases, item.databaseId, `${item.databaseId}.sqlite`);
    if (!fs.existsSync(file)) {
      skipped.push({ id: item.id, reason: `database ${item.databaseId} is absent (${file})`, ordinal, databaseId: item.databaseId });
      continue;
    }
    if (options.limit !== undefined && questions.length >= options.limit) continue;
    const source = sourceNameFor(item.databaseId);
    sources.set(source, {
      name: source,
      kind: 'sqlite',
      description: `${name} benchmark database ${item.databaseId}`,
      connection: { database: file },
    });
    questions.push({ id: item.id, question: item.question, source, goldSql: item.goldSql, difficulty: item.difficulty, ordinal, databaseId: item.databaseId });
  }
  const catalog = await writeTemporaryCatalog(name, [...sources.values()]);
  return {
    name,
    catalogDirectory: catalog.directory,
    config: options.config,
    environment: {},
    questions,
    skipped,
    sourceGiven: options.sourceGiven ?? true,
    cleanup: catalog.remove,
  };
}

/** Spider dev on the SQLite databases present under spider/database. */
export async function loadSpiderSuite(options: SuiteLoadOptions): Promise<EvalSuite> {
  const root = path.join(options.benchRoot, 'spider');
  const items = readJson<{ db_id: string; question: string; query: string }[]>(path.join(root, 'dev.json')).map(
    (item, index): BenchmarkItem => ({
      id: `dev#${index}`,
      databaseId: item.db_id,
      question: item.question,
      goldSql: item.query,
      difficulty: spiderHardness(item.query),
    }),
  );
  return sqliteSuite('spider', items, path.join(root, 'database'), options);
}

/** BIRD's question files under bench/bird, by question set. */
const birdQuestionFiles: Record<BirdQuestionSet, string> = { dev: 'dev.json', 'mini-dev': path.join('mini_dev', 'mini_dev_sqlite.json') };

/** The db_id of every question of a BIRD question set, in file order (prediction files follow it). */
export function birdDatabaseIds(benchRoot: string, set: BirdQuestionSet): string[] {
  return readJson<{ db_id: string }[]>(path.join(benchRoot, 'bird', birdQuestionFiles[set])).map((item) => item.db_id);
}

/**
 * BIRD dev (or Mini-Dev's SQLite questions); its SQLite databases are not stored under ../shared/bench,
 * so `--bird-databases <dir>` must name a folder holding `<db_id>/<db_id>.sqlite` (BIRD's layout).
 */
export async function loadBirdSuite(options: SuiteLoadOptions): Promise<EvalSuite> {
  const root = path.join(options.benchRoot, 'bird');
  const databases = options.birdDatabases ?? path.join(root, 'dev_databases');
  if (!fs.existsSync(databases) && options.absentDatabasesSkipped !== true) {
    throw new SwitchyardError(
      'SWY_ERR_CONFIG_INVALID',
      `The BIRD SQLite databases are not present (looked in ${databases}). Download BIRD's dev databases and pass --bird-databases <dir> (a folder of <db_id>/<db_id>.sqlite).`,
      { details: { suite: 'bird' } },
    );
  }
  const items = readJson<{ question_id: number; db_id: string; question: string; evidence?: string; SQL: string; difficulty?: string }[]>(
    path.join(root, birdQuestionFiles[options.birdQuestionSet ?? 'dev']),
  ).map(
    (item): BenchmarkItem => ({
      id: String(item.question_id),
      databaseId: item.db_id,
      // BIRD gives each question its "evidence" (external knowledge); it is part of the input.
      question: item.evidence ? `${item.question} (Hint: ${item.evidence})` : item.question,
      goldSql: item.SQL,
      difficulty: item.difficulty ?? 'unknown',
    }),
  );
  return sqliteSuite('bird', items, databases, options);
}
