import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OverlayFile } from '../catalog/overlay-schema.js';
import { createConnector } from '../connectors/connector-factory.js';
import type { IntrospectedTable } from '../connectors/connector.js';
import { withDuckDb } from '../demo/demo-generator-support.js';
import type { SourceConfig } from '../sources/source-config.js';
import { splitTables } from './database-table-split.js';
import { sourceNameFor, writeTemporaryCatalog } from './eval-catalog-writer.js';
import type { EvalQuestion, EvalSuite, GoldSourceTables, SkippedQuestion, SuiteLoadOptions } from './eval-types.js';
import { goldTablesOf, rewriteGoldForDuckDb, type TablePlacement } from './federated-gold-rewriter.js';
import { RewrittenGoldCheck } from './rewritten-gold-check.js';
import { spiderHardness } from './spider-hardness.js';
import { readSqliteTables, writeDuckDbTables } from './sqlite-table-copier.js';

/** The engine holding every table of every split database, in a schema per source: where gold SQL is scored. */
export const splitReferenceSource = 'spider_split_reference';

/** One Spider dev question with the tables its gold SQL reads. */
interface ReadingQuestion {
  readonly ordinal: number;
  readonly question: string;
  readonly gold: string;
  readonly tables: string[];
}

/** One database's two sources and where each of its tables went. */
interface SplitDatabase {
  readonly sqliteSource: SourceConfig;
  readonly duckDbSource: SourceConfig;
  readonly overlay: OverlayFile;
  /** The database's own SQLite file. */
  readonly file: string;
  readonly placements: Map<string, TablePlacement>;
}

const sqliteConfig = (name: string, description: string, file: string): SourceConfig => ({ name, kind: 'sqlite', description, connection: { database: file } });

/**
 * Splits one database: the tables its questions read together are divided (splitTables) between its
 * SQLite file, with the moved tables hidden by its overlay, and a DuckDB file holding the moved tables.
 * Each SQLite foreign key that now joins the two sources is declared in the overlay as a relationship.
 * Both halves are also copied into the reference engine, each in the schema named after its source.
 */
async function splitDatabase(databaseId: string, file: string, tables: IntrospectedTable[], questions: ReadingQuestion[], directory: string): Promise<SplitDatabase> {
  const base = sourceNameFor(databaseId).slice(0, 55);
  const names = tables.map((table) => table.name);
  const split = splitTables(names, questions.map((question) => new Set(question.tables)));
  const sqliteName = `${base}_sqlite`;
  const duckDbName = `${base}_duckdb`;
  const placements = new Map<string, TablePlacement>(
    tables.map((table) => [table.name.toLowerCase(), { source: split.second.includes(table.name) ? duckDbName : sqliteName, table: table.name, columns: table.columns.map((column) => column.name) }]),
  );
  // SQLite files may declare the same key twice; an overlay declares each pair once.
  const relationships = new Map<string, { from: string; to: string }>();
  for (const table of tables) {
    for (const key of table.foreignKeys ?? []) {
      const from = placements.get(table.name.toLowerCase())!;
      const to = placements.get(key.referencedTable.toLowerCase());
      if (to === undefined || to.source === from.source || !to.columns.some((column) => column.toLowerCase() === key.referencedColumn.toLowerCase())) continue;
      const relationship = { from: `${from.source}.${from.table}.${key.column}`, to: `${to.source}.${to.table}.${key.referencedColumn}` };
      relationships.set([relationship.from, relationship.to].map((end) => end.toLowerCase()).sort().join(' '), relationship);
    }
  }
  const overlay: OverlayFile = {
    source: sqliteName,
    tables: Object.fromEntries(split.second.map((table) => [table, { hidden: true }])),
    ...(relationships.size > 0 ? { relationships: [...relationships.values()] } : {}),
  };
  const connector = createConnector(sqliteConfig(`${base}_copy`, databaseId, file));
  try {
    const moved = await readSqliteTables(connector, split.second);
    const kept = await readSqliteTables(connector, split.first);
    const duckDbFile = path.join(directory, `${base}.duckdb`);
    await withDuckDb(duckDbFile, (connection) => writeDuckDbTables(connection, 'main', moved, true));
    for (const reversed of [false, true]) {
      await withDuckDb(path.join(directory, reversed ? 'reference-reversed.duckdb' : 'reference.duckdb'), async (connection) => {
        await writeDuckDbTables(connection, sqliteName, kept, false, reversed);
        await writeDuckDbTables(connection, duckDbName, moved, false, reversed);
      });
    }
    return {
      sqliteSource: sqliteConfig(sqliteName, `Spider benchmark database ${databaseId}: the tables kept in its SQLite file`, file),
      duckDbSource: { name: duckDbName, kind: 'duckdb', description: `Spider benchmark database ${databaseId}: the tables moved to DuckDB`, connection: { database: duckDbFile } },
      overlay,
      file,
      placements,
    };
  } finally {
    await connector.close();
  }
}

/** The gold's tables grouped by source, in order of first appearance. */
function goldSourcesOf(tables: readonly string[], placements: ReadonlyMap<string, TablePlacement>): GoldSourceTables[] {
  const bySource = new Map<string, string[]>();
  for (const table of tables) {
    const placement = placements.get(table.toLowerCase())!;
    bySource.set(placement.source, [...(bySource.get(placement.source) ?? []), placement.table]);
  }
  return [...bySource].map(([source, sourceTables]) => ({ source, tables: sourceTables }));
}

/** Whether gold SQL reads two or more tables, judged from its text alone (its database is absent). */
function readsSeveralTables(sql: string): boolean {
  try {
    return goldTablesOf(sql).length >= 2;
  } catch {
    return false;
  }
}

/** Reads the Spider dev questions of one database whose gold reads two or more tables. */
function readingQuestions(items: readonly { question: string; query: string }[], ordinals: readonly number[], tables: IntrospectedTable[], skipped: SkippedQuestion[], databaseId: string): ReadingQuestion[] {
  const placements = new Map(tables.map((table): [string, TablePlacement] => [table.name.toLowerCase(), { source: '', table: table.name, columns: table.columns.map((column) => column.name) }]));
  return ordinals.flatMap((ordinal) => {
    const item = items[ordinal]!;
    try {
      const read = goldTablesOf(item.query, placements);
      return read.length >= 2 ? [{ ordinal, question: item.question, gold: item.query, tables: read }] : [];
    } catch (error) {
      skipped.push({ id: `dev#${ordinal}`, reason: `its gold SQL cannot be read (${error instanceof Error ? error.message : String(error)})`, ordinal, databaseId });
      return [];
    }
  });
}

/**
 * Spider dev's questions whose gold SQL reads two or more tables, each database split between a SQLite
 * source and a DuckDB source (see splitDatabase), routed among all the split databases. The gold SQL is
 * rewritten to DuckDB SQL over source-qualified names; a question whose rewritten gold does not give
 * the original gold's rows in the reference engine (a SQLite-only meaning) is skipped with the reason,
 * as is one whose tables all landed in one source.
 */
export async function loadSpiderSplitSuite(options: SuiteLoadOptions): Promise<EvalSuite> {
  const root = path.join(options.benchRoot, 'spider');
  const items = JSON.parse(fs.readFileSync(path.join(root, 'dev.json'), 'utf8')) as { db_id: string; question: string; query: string }[];
  const skipped: SkippedQuestion[] = [];
  const ordinalsByDatabase = new Map<string, number[]>();
  items.forEach((item, ordinal) => ordinalsByDatabase.set(item.db_id, [...(ordinalsByDatabase.get(item.db_id) ?? []), ordinal]));
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-eval-spider-split-data-'));
  const removeData = () => fs.promises.rm(data, { recursive: true, force: true });
  // One thread: the reference answers the same way every time it is asked.
  const referenceOf = (file: string): SourceConfig => ({ name: splitReferenceSource, kind: 'duckdb', description: 'Every table of every split database', connection: { database: path.join(data, file), threads: 1 } });
  const reference = referenceOf('reference.duckdb');
  const candidates: { item: ReadingQuestion; database: string; split: SplitDatabase }[] = [];
  const splits: SplitDatabase[] = [];
  try {
    for (const [databaseId, ordinals] of ordinalsByDatabase) {
      const file = path.join(root, 'database', databaseId, `${databaseId}.sqlite`);
      if (!fs.existsSync(file)) {
        const absent = ordinals.filter((ordinal) => readsSeveralTables(items[ordinal]!.query));
        skipped.push(...absent.map((ordinal) => ({ id: `dev#${ordinal}`, reason: `database ${databaseId} is absent (${file})`, ordinal, databaseId })));
        continue;
      }
      const introspection = createConnector(sqliteConfig('spider_split_introspection', databaseId, file));
      const tables = await introspection.introspect().finally(() => introspection.close());
      const reading = readingQuestions(items, ordinals, tables, skipped, databaseId);
      if (reading.length === 0) continue;
      const split = await splitDatabase(databaseId, file, tables, reading, data);
      splits.push(split);
      candidates.push(...reading.map((item) => ({ item, database: databaseId, split })));
    }
    const questions = await checkedQuestions(candidates, new RewrittenGoldCheck(createConnector(reference), createConnector(referenceOf('reference-reversed.duckdb'))), skipped, options.limit);
    const sources = splits.flatMap((split) => [split.sqliteSource, split.duckDbSource]);
    const written = await writeTemporaryCatalog('spider-split', sources, splits.map((split) => split.overlay));
    return {
      name: 'spider-split',
      catalogDirectory: written.directory,
      config: options.config,
      environment: {},
      questions,
      skipped,
      // The benchmark gives the database, here its two sources: routing chooses among them (its recall over the whole catalog is measured apart).
      sourceGiven: options.sourceGiven ?? true,
      scoringSources: [{ config: reference, tables: splits.flatMap((split) => [...split.placements.values()].map((placement) => `${placement.source}.${placement.table}`)) }],
      federated: true,
      cleanup: async () => {
        await written.remove();
        await removeData();
      },
    };
  } catch (error) {
    await removeData();
    throw error;
  }
}

/** The questions whose rewritten gold reads two sources and gives the original gold's rows, up to `limit`. */
async function checkedQuestions(
  candidates: readonly { item: ReadingQuestion; database: string; split: SplitDatabase }[],
  check: RewrittenGoldCheck,
  skipped: SkippedQuestion[],
  limit: number | undefined,
): Promise<EvalQuestion[]> {
  const questions: EvalQuestion[] = [];
  try {
    for (const { item, database, split } of candidates) {
      const id = `dev#${item.ordinal}`;
      const goldSources = goldSourcesOf(item.tables, split.placements);
      if (goldSources.length < 2) {
        skipped.push({ id, reason: "its gold reads tables of one source only under its database's split", ordinal: item.ordinal, databaseId: database });
        continue;
      }
      if (limit !== undefined && questions.length >= limit) continue;
      let goldSql: string;
      let problem: string | undefined;
      try {
        goldSql = rewriteGoldForDuckDb(item.gold, split.placements);
        problem = await check.problem(split.file, item.gold, goldSql);
      } catch (error) {
        goldSql = '';
        problem = `the rewrite fails: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (problem !== undefined) {
        skipped.push({ id, reason: `its gold does not carry over to DuckDB (${problem})`, ordinal: item.ordinal, databaseId: database });
        continue;
      }
      questions.push({ id, question: item.question, source: goldSources[0]!.source, goldSql, difficulty: spiderHardness(item.gold), ordinal: item.ordinal, databaseId: database, goldSources, scoringSource: splitReferenceSource });
    }
  } finally {
    await check.close();
  }
  return questions;
}
