import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { SeededSqlRandom } from './seeded-sql-random.js';

/** What every source generator receives. */
export interface DemoGenerationContext {
  /** Deterministic random-expression builder for the run's seed. */
  readonly random: SeededSqlRandom;
  /** Row-count multiplier for the large tables; 1 is full size. Small lookup tables never scale. */
  readonly scale: number;
}

/** One demo source: writes its files under the demo folder and reports its row counts. */
export interface DemoSourceGenerator {
  /** Source name as in catalog/sources.yaml. */
  readonly sourceName: string;
  /** Creates the source's files inside `demoDirectory`; returns rows per table, keyed by table name. */
  generate(demoDirectory: string, context: DemoGenerationContext): Promise<Record<string, number>>;
}

/** Scales a full-size row count, keeping at least `minimum` rows so small test runs stay meaningful. */
export function scaledCount(fullSize: number, scale: number, minimum = 1): number {
  return Math.max(minimum, Math.round(fullSize * scale));
}

/**
 * Opens a DuckDB database (a file, or ":memory:"), runs `work` on one connection and always closes both,
 * so the file is flushed and unlocked before the caller renames the folder holding it.
 */
export async function withDuckDb<T>(databasePath: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(databasePath);
  const connection = await instance.connect();
  try {
    const result = await work(connection);
    if (databasePath !== ':memory:') await connection.run('CHECKPOINT');
    return result;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Counts the rows of each named table. */
export async function countRows(connection: DuckDBConnection, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM "${table}"`);
    counts[table] = Number(reader.getRows()[0]?.[0] ?? 0);
  }
  return counts;
}

/** Runs statements one by one (DuckDB's `run` executes a single statement per call reliably). */
export async function runStatements(connection: DuckDBConnection, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await connection.run(statement);
}
