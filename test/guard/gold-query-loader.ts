import fs from 'node:fs';
import path from 'node:path';
import type { SqlDialectName } from '../../src/dialects/sql-dialect.js';
import { expandDefogQuery, parseCsv } from '../../src/eval/defog-query-files.js';

/** One benchmark gold query with the tables of its database. */
export interface GoldQuery {
  /** Benchmark set, e.g. `spider-dev`. */
  set: string;
  /** Stable id within the set. */
  id: string;
  /** Dialect the gold SQL is written in. */
  dialect: SqlDialectName;
  /** Gold SQL. */
  sql: string;
  /** Every table of the question's database (the table policy's allowed list). */
  allowedTables: string[];
}

interface SchemaEntry {
  db_id: string;
  table_names_original: string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function tablesByDatabase(file: string): Map<string, string[]> {
  return new Map(readJson<SchemaEntry[]>(file).map((entry) => [entry.db_id, entry.table_names_original]));
}

/** Reads `SQL<TAB>db_id` lines. */
function goldLines(file: string): { sql: string; database: string }[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      return { sql: line.slice(0, tab), database: line.slice(tab + 1).trim() };
    });
}

/** Loads every gold query of the stored benchmarks under `benchRoot` (../shared/bench). Needs loadModule(). */
export function loadGoldQueries(benchRoot: string): GoldQuery[] {
  const queries: GoldQuery[] = [];
  const spiderTables = tablesByDatabase(path.join(benchRoot, 'spider/tables.json'));
  goldLines(path.join(benchRoot, 'spider/dev_gold.sql')).forEach(({ sql, database }, index) => {
    queries.push({ set: 'spider-dev', id: String(index), dialect: 'sqlite', sql, allowedTables: spiderTables.get(database) ?? [] });
  });
  const birdTables = tablesByDatabase(path.join(benchRoot, 'bird/dev_tables.json'));
  readJson<{ question_id: number; db_id: string; SQL: string }[]>(path.join(benchRoot, 'bird/dev.json')).forEach((item) => {
    queries.push({
      set: 'bird-dev',
      id: String(item.question_id),
      dialect: 'sqlite',
      sql: item.SQL,
      allowedTables: birdTables.get(item.db_id) ?? [],
    });
  });
  const miniDev: [string, SqlDialectName][] = [['sqlite', 'sqlite'], ['mysql', 'mysql'], ['postgresql', 'postgres']];
  for (const [fileDialect, dialect] of miniDev) {
    goldLines(path.join(benchRoot, `bird/mini_dev/mini_dev_${fileDialect}_gold.sql`)).forEach(({ sql, database }, index) => {
      queries.push({ set: `bird-minidev-${fileDialect}`, id: String(index), dialect, sql, allowedTables: birdTables.get(database) ?? [] });
    });
  }
  const defogRoot = path.join(benchRoot, 'defog');
  const defogTables = new Map<string, string[]>();
  for (const file of ['questions_gen_postgres.csv', 'instruct_basic_postgres.csv', 'instruct_advanced_postgres.csv']) {
    const [header, ...rows] = parseCsv(fs.readFileSync(path.join(defogRoot, 'questions', file), 'utf8'));
    const queryColumn = header?.indexOf('query') ?? -1;
    const databaseColumn = header?.indexOf('db_name') ?? -1;
    rows.filter((row) => row.length > 1).forEach((row, index) => {
      const database = row[databaseColumn] ?? '';
      if (!defogTables.has(database)) {
        const metadataFile = path.join(defogRoot, 'defog_data', database, `${database}.json`);
        const metadata = readJson<{ table_metadata: Record<string, unknown> }>(metadataFile);
        defogTables.set(database, Object.keys(metadata.table_metadata));
      }
      queries.push({
        set: 'defog-postgres',
        id: `${file}#${index}`,
        dialect: 'postgres',
        sql: expandDefogQuery(row[queryColumn] ?? ''),
        allowedTables: defogTables.get(database) ?? [],
      });
    });
  }
  return queries;
}
