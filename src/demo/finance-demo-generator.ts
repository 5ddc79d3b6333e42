import path from 'node:path';
import { countRows, withDuckDb, type DemoGenerationContext, type DemoSourceGenerator } from './demo-generator-support.js';
import { sqlString, sqlStringList } from './seeded-sql-random.js';
import { shippedStockPricesPath } from './stock-price-dataset.js';
import { venueSponsorTickers } from './tickit-word-lists.js';

// The tickers the overlay examples name, and those the sales venues are named after, stay in a scaled-down run.
const anchorTickers = [...new Set(['AAPL', 'AMZN', 'MSFT', ...Object.values(venueSponsorTickers)])];
const minimumTickers = 20;

/** The tickers a run loads: all of them at full size, otherwise the anchors plus a spread over the alphabet. */
export function tickersForScale(allTickers: readonly string[], scale: number): string[] {
  const count = Math.min(allTickers.length, Math.max(minimumTickers, Math.round(allTickers.length * scale)));
  if (count === allTickers.length) return [...allTickers];
  const spread = Array.from({ length: count }, (_, index) => allTickers[Math.floor((index * allTickers.length) / count)]!);
  const anchors = anchorTickers.filter((ticker) => allTickers.includes(ticker));
  return [...new Set([...anchors, ...spread])].slice(0, count).sort();
}

/**
 * The real daily prices of S&P 500 stocks (Kaggle all_stocks_5yr, shipped as Parquet; see
 * datasets/sp500/NOTICE.md) copied into `finance.duckdb`, the table and column names of the original.
 * The prices are facts, not draws: the seed does not change them, and a scaled-down run keeps fewer tickers.
 */
export const financeDemoGenerator: DemoSourceGenerator = {
  sourceName: 'finance',
  async generate(demoDirectory: string, { scale }: DemoGenerationContext): Promise<Record<string, number>> {
    return withDuckDb(path.join(demoDirectory, 'finance.duckdb'), async (connection) => {
      const prices = `read_parquet(${sqlString(shippedStockPricesPath())})`;
      const names = (await connection.runAndReadAll(`SELECT DISTINCT name FROM ${prices} ORDER BY name`)).getRows().map((row) => String(row[0]));
      const tickers = tickersForScale(names, scale);
      const filter = tickers.length === names.length ? '' : `WHERE name IN (SELECT unnest(${sqlStringList(tickers)}))`;
      await connection.run(
        `CREATE TABLE all_stocks_5yr (date DATE NOT NULL, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume BIGINT, name VARCHAR NOT NULL)`);
      // DECIMAL → DOUBLE divides two exact integers once, so each price is the double nearest its decimal:
      // the same value a reader of the original CSV gets.
      await connection.run(`INSERT INTO all_stocks_5yr
        SELECT date, open::DOUBLE, high::DOUBLE, low::DOUBLE, close::DOUBLE, volume, name FROM ${prices} ${filter} ORDER BY name, date`);
      return countRows(connection, ['all_stocks_5yr']);
    });
  },
};
