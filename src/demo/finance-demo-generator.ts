import path from 'node:path';
import { countRows, runStatements, scaledCount, withDuckDb, type DemoGenerationContext, type DemoSourceGenerator } from './demo-generator-support.js';
import { sqlString, sqlStringList } from './seeded-sql-random.js';
import { lateListings, nyseHolidays, tickerSymbols } from './stock-market-lists.js';

const firstTradingDay = `DATE '2013-02-08'`;
const dayAfterLastTradingDay = `DATE '2018-02-08'`;
// Daily log returns are quantised to 1e-5 and summed as integers, so the running sum (the price path)
// is exact and cannot drift between runs the way a parallel floating-point sum could.
const returnUnits = 100_000;
const anchorTickers = ['AAPL', 'AMZN', 'MSFT'];

function buildStatements({ random, scale }: DemoGenerationContext): string[] {
  const tickerCount = Math.min(tickerSymbols.length, scaledCount(tickerSymbols.length, scale, 20));
  // A scaled-down run keeps the tickers the overlay examples name and spreads the rest over the alphabet.
  const spread = Array.from({ length: tickerCount }, (_, index) => tickerSymbols[Math.floor((index * tickerSymbols.length) / tickerCount)]!);
  const tickers = [...new Set([...anchorTickers, ...spread])].slice(0, tickerCount).sort();
  const listingRows = tickers.map((ticker) => `(${sqlString(ticker)}, DATE ${sqlString(lateListings[ticker] ?? '2013-02-08')})`);
  return [
    `CREATE TEMP TABLE trading_days AS
     SELECT d::DATE AS date FROM range(${firstTradingDay}, ${dayAfterLastTradingDay}, INTERVAL 1 DAY) r(d)
     WHERE isodow(d) <= 5 AND d::DATE::VARCHAR NOT IN (SELECT unnest(${sqlStringList(nyseHolidays)}))`,
    // Per ticker: a starting price (log-normal, $5–$800 typical), yearly drift and volatility, and typical volume.
    `CREATE TEMP TABLE ticker_profile AS
     SELECT name, first_date,
       greatest(4.0, 45.0 * exp(0.9 * ${random.normal('start-price', 'name')})) AS start_price,
       (0.09 + 0.12 * ${random.normal('drift', 'name')}) / 252.0 AS daily_drift,
       (0.16 + 0.30 * pow(${random.unit('volatility', 'name')}, 1.5)) / sqrt(252.0) AS daily_volatility,
       2500000.0 * exp(0.9 * ${random.normal('volume', 'name')}) AS typical_volume
     FROM (VALUES ${listingRows.join(', ')}) t(name, first_date)`,
    `CREATE TEMP TABLE price_steps AS
     SELECT p.name, d.date, p.start_price, p.daily_volatility, p.typical_volume, z,
       CASE WHEN d.date = p.first_date THEN 0 ELSE round((p.daily_drift + p.daily_volatility * z) * ${returnUnits})::BIGINT END AS step
     FROM ticker_profile p JOIN trading_days d ON d.date >= p.first_date,
       LATERAL (SELECT ${random.normal('return', 'p.name', 'd.date')} AS z)`,
    `CREATE TEMP TABLE price_path AS
     SELECT *, start_price * exp(sum(step) OVER (PARTITION BY name ORDER BY date) / ${returnUnits}.0) AS raw_close
     FROM price_steps`,
    `CREATE TEMP TABLE priced AS
     SELECT name, date, z, daily_volatility, typical_volume, round(raw_close, 2) AS close,
       round(coalesce(lag(raw_close) OVER (PARTITION BY name ORDER BY date), start_price)
         * exp(0.3 * daily_volatility * ${random.normal('gap', 'name', 'date')}), 2) AS open
     FROM price_path`,
    `CREATE TABLE all_stocks_5yr (date DATE NOT NULL, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume BIGINT, name VARCHAR NOT NULL)`,
    // High and low widen the open–close range by a non-negative amount; rounding is monotone, so
    // high >= max(open, close) and low <= min(open, close) survive it.
    `INSERT INTO all_stocks_5yr
     SELECT date, open,
       round(greatest(open, close) * (1 + 0.5 * daily_volatility * abs(${random.normal('high', 'name', 'date')})), 2),
       round(least(open, close) * (1 - 0.5 * daily_volatility * abs(${random.normal('low', 'name', 'date')})), 2),
       close,
       round(typical_volume * exp(0.35 * ${random.normal('daily-volume', 'name', 'date')} + 0.25 * abs(z)))::BIGINT,
       name
     FROM priced ORDER BY name, date`,
  ];
}

/** Daily prices of S&P 500 tickers, shaped like Kaggle's all_stocks_5yr, in `finance.duckdb`. */
export const financeDemoGenerator: DemoSourceGenerator = {
  sourceName: 'finance',
  async generate(demoDirectory: string, context: DemoGenerationContext): Promise<Record<string, number>> {
    return withDuckDb(path.join(demoDirectory, 'finance.duckdb'), async (connection) => {
      await runStatements(connection, buildStatements(context));
      return countRows(connection, ['all_stocks_5yr']);
    });
  },
};
