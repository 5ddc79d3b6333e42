import fs from 'node:fs/promises';
import path from 'node:path';
import { findProjectRoot } from '../config/project-root.js';
import { withDuckDb } from './demo-generator-support.js';
import { sqlString } from './seeded-sql-random.js';

/**
 * The real S&P 500 daily prices 2013-02-08..2018-02-07 (Kaggle "all_stocks_5yr", MIT-licensed; see
 * datasets/sp500/NOTICE.md) shipped with Switchyard as zstd-compressed Parquet: one row per ticker and
 * trading day, columns `date, open, high, low, close, volume, name`, sorted by name then date. Prices are
 * DECIMAL(12,4): every price in the source has at most four decimals, so the decimal holds it exactly
 * and compresses better than a double.
 */
export function shippedStockPricesPath(projectRoot: string = findProjectRoot()): string {
  return path.join(projectRoot, 'datasets', 'sp500', 'all_stocks_5yr.parquet');
}

const priceColumns = ['open', 'high', 'low', 'close'];

/** The Kaggle CSV (`date,open,high,low,close,volume,Name`, gzip or plain) read as text; empty cells are NULL. */
function rawCsv(csvPath: string): string {
  return `read_csv(${sqlString(csvPath)}, header = true, all_varchar = true)`;
}

/** A query over the Kaggle CSV giving the shipped Parquet's rows: typed, `Name` renamed to `name`, sorted. */
export function stockPricesFromCsvQuery(csvPath: string): string {
  const prices = priceColumns.map((column) => `${column}::DECIMAL(12,4) AS ${column}`).join(', ');
  return `SELECT date::DATE AS date, ${prices}, volume::BIGINT AS volume, "Name" AS name FROM ${rawCsv(csvPath)} ORDER BY name, date`;
}

/**
 * Counts CSV prices that a DECIMAL(12,4) would not hold exactly (more than four decimals, or too
 * large); the build refuses to write a Parquet file that silently rounds any of them.
 */
export function inexactPriceCountQuery(csvPath: string): string {
  const inexact = priceColumns.map((column) => `try_cast(${column} AS DECIMAL(12,4))::DOUBLE IS DISTINCT FROM ${column}::DOUBLE`);
  return `SELECT count(*) FILTER (WHERE ${inexact.join(' OR ')}) AS inexact FROM ${rawCsv(csvPath)}`;
}

/** What {@link buildStockPriceParquet} wrote. */
export interface StockPriceBuildResult {
  /** Rows written. */
  rows: number;
  /** Distinct tickers. */
  tickers: number;
  /** Size of the Parquet file in bytes. */
  bytes: number;
}

/**
 * Rebuilds the shipped Parquet file from the Kaggle CSV, so the file in the repository is reproducible:
 * zstd level 19 (slow to write, small to ship), one thread so row groups come out in the same order on
 * every run. Refuses a CSV whose prices would lose digits.
 */
export async function buildStockPriceParquet(csvPath: string, parquetPath: string): Promise<StockPriceBuildResult> {
  await fs.mkdir(path.dirname(parquetPath), { recursive: true });
  return withDuckDb(':memory:', async (connection) => {
    await connection.run('SET threads = 1');
    const inexact = Number((await connection.runAndReadAll(inexactPriceCountQuery(csvPath))).getRows()[0]?.[0] ?? 0);
    if (inexact > 0) throw new Error(`${csvPath}: ${inexact} rows hold prices with more than four decimals; DECIMAL(12,4) would round them`);
    await connection.run(`COPY (${stockPricesFromCsvQuery(csvPath)}) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)`);
    const [rows, tickers] = (await connection.runAndReadAll(`SELECT count(*), count(DISTINCT name) FROM read_parquet(${sqlString(parquetPath)})`)).getRows()[0] ?? [];
    return { rows: Number(rows), tickers: Number(tickers), bytes: (await fs.stat(parquetPath)).size };
  });
}
