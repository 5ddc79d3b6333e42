import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'yaml';
import type { SourcesFile } from '../../src/sources/source-config.js';
import { demoCities, demoForecast } from '../../src/demo/product-api-data.js';
import { repositoryRoot } from '../helpers/services.js';

/** A fresh, empty temporary folder; the caller removes it. */
export function makeTemporaryDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-demo-${label}-`));
}

/** catalog/sources.yaml as parsed YAML (not yet validated). */
export function readSourcesFile(): SourcesFile {
  return parse(fs.readFileSync(path.join(repositoryRoot, 'catalog', 'sources.yaml'), 'utf8')) as SourcesFile;
}

/** An overlay file of catalog/overlays/. */
export interface OverlayFile {
  /** Source the overlay describes. */
  source: string;
  /** Table name → description and column descriptions. */
  tables: Record<string, { description: string; columns?: Record<string, string> }>;
  /** Few-shot examples. */
  examples: { question: string; sql: string }[];
  /** Questions answered only together with other sources, in DuckDB SQL over source-qualified names. */
  crossSourceExamples?: { question: string; sources: string[]; sql: string }[];
  /** Join keys to other sources. */
  relationships?: { from: string; to: string; description?: string }[];
}

/** Reads catalog/overlays/<source>.yaml. */
export function readOverlay(source: string): OverlayFile {
  return parse(fs.readFileSync(path.join(repositoryRoot, 'catalog', 'overlays', `${source}.yaml`), 'utf8')) as OverlayFile;
}

/**
 * Resolves `${NAME:-default}` the way the configuration loader is specified to, with SWITCHYARD_DATA_DIR
 * pointing at the test's data folder, so the tests prove the paths in sources.yaml reach the generated files.
 */
export function interpolateDataDir(value: string, dataDir: string): string {
  return value.replace(/\$\{SWITCHYARD_DATA_DIR(?::-[^}]*)?\}/g, dataDir);
}

/** An open DuckDB connection to one demo source, configured from sources.yaml like the DuckDB connector would. */
export interface OpenSource {
  /** The connection. */
  connection: DuckDBConnection;
  /** Runs SQL and returns rows as JSON-safe objects. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Closes connection and instance. */
  close(): void;
}

/** Opens the named source of sources.yaml against the demo data in `dataDir`, read-only. */
export async function openDemoSource(sourceName: string, dataDir: string): Promise<OpenSource> {
  const source = readSourcesFile().sources.find((candidate) => candidate.name === sourceName);
  if (!source) throw new Error(`source ${sourceName} is not in catalog/sources.yaml`);
  const connectionConfig = source.connection as { database?: string; views?: Record<string, string> };
  const database = connectionConfig.database ? interpolateDataDir(connectionConfig.database, dataDir) : ':memory:';
  const instance = await DuckDBInstance.create(database, database === ':memory:' ? {} : { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  for (const [view, glob] of Object.entries(connectionConfig.views ?? {})) {
    const location = interpolateDataDir(glob, dataDir).replaceAll("'", "''");
    await connection.run(`CREATE VIEW "${view}" AS SELECT * FROM read_parquet('${location}', hive_partitioning = true)`);
  }
  return {
    connection,
    async query(sql: string) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** An order-independent content fingerprint of every table of an open source: row count plus summed row hashes. */
export async function fingerprintSource(source: OpenSource): Promise<Record<string, string>> {
  const tables = await source.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name`);
  const fingerprint: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const [row] = await source.query(`SELECT count(*) AS row_count, sum(hash(t)::HUGEINT) AS row_hash_sum FROM "${String(table)}" t`);
    fingerprint[String(table)] = `${String(row?.row_count)}:${String(row?.row_hash_sum)}`;
  }
  return fingerprint;
}

/** Fingerprints of all four demo sources in a data folder. */
export async function fingerprintDemo(dataDir: string): Promise<Record<string, Record<string, string>>> {
  const result: Record<string, Record<string, string>> = {};
  for (const name of ['sales', 'hr', 'legal', 'finance']) {
    const source = await openDemoSource(name, dataDir);
    try {
      result[name] = await fingerprintSource(source);
    } finally {
      source.close();
    }
  }
  return result;
}

/**
 * One in-memory DuckDB holding every demo source under its own name (`sales.venue`, `legal.claims`,
 * `product.getWeatherForecast`), the way a federated answer's combine step sees them: the DuckDB files
 * attached read-only, the claims' Parquet files as a view, the REST operation's rows (all five cities,
 * 14 days, as the demo API serves them) as a table.
 */
export async function openAllDemoSources(dataDir: string): Promise<OpenSource> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const source of readSourcesFile().sources) {
    const connectionConfig = source.connection as { database?: string; views?: Record<string, string> };
    if (connectionConfig.database !== undefined) {
      const database = interpolateDataDir(connectionConfig.database, dataDir).replaceAll("'", "''");
      await connection.run(`ATTACH '${database}' AS "${source.name}" (READ_ONLY)`);
      continue;
    }
    await connection.run(`CREATE SCHEMA "${source.name}"`);
    for (const [view, glob] of Object.entries(connectionConfig.views ?? {})) {
      const location = interpolateDataDir(glob, dataDir).replaceAll("'", "''");
      await connection.run(`CREATE VIEW "${source.name}"."${view}" AS SELECT * FROM read_parquet('${location}', hive_partitioning = true)`);
    }
  }
  const forecast = demoCities.flatMap((city) => demoForecast(city, 14));
  await connection.run(`CREATE TABLE product."getWeatherForecast" AS SELECT * FROM (VALUES ${forecast
    .map((day) => `('${day.city}', '${day.date}', ${day.temperatureHighC}, ${day.temperatureLowC}, ${day.precipitationMm}, '${day.condition}')`)
    .join(', ')}) t(city, date, "temperatureHighC", "temperatureLowC", "precipitationMm", condition)`);
  return {
    connection,
    async query(sql: string) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
