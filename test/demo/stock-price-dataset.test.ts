import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../../src/demo/demo-generator-support.js';
import { financeDemoGenerator, tickersForScale } from '../../src/demo/finance-demo-generator.js';
import { SeededSqlRandom } from '../../src/demo/seeded-sql-random.js';
import { buildStockPriceParquet, shippedStockPricesPath, stockPricesFromCsvQuery } from '../../src/demo/stock-price-dataset.js';
import { repositoryRoot } from '../helpers/services.js';
import { makeTemporaryDataDir, openDemoSource, readOverlay, type OpenSource } from './demo-test-support.js';

// The Kaggle CSV the shipped Parquet was built from, where this checkout has it (../shared beside the repository).
const kaggleCsv = path.resolve(repositoryRoot, '..', 'shared', 'data', 'sp500', 'all_stocks_5yr.csv.gz');
const dataDir = makeTemporaryDataDir('finance');
let finance: OpenSource;
let generationMs = 0;

beforeAll(async () => {
  fs.mkdirSync(path.join(dataDir, 'demo'));
  const started = performance.now();
  await financeDemoGenerator.generate(path.join(dataDir, 'demo'), { random: new SeededSqlRandom(2008), scale: 1 });
  generationMs = performance.now() - started;
  console.log(`[demo] finance source generated from the shipped prices in ${Math.round(generationMs)} ms`);
  finance = await openDemoSource('finance', dataDir);
});

afterAll(() => {
  finance?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function single(sql: string): Promise<Record<string, unknown>> {
  const [row] = await finance.query(sql);
  if (!row) throw new Error(`no row from: ${sql}`);
  return row;
}

function overlayExample(fragment: string): string {
  const example = readOverlay('finance').examples.find((candidate) => candidate.question.includes(fragment));
  if (!example) throw new Error(`no finance example mentions "${fragment}"`);
  return example.sql;
}

describe('the shipped S&P 500 prices', () => {
  it('is a few MB of Parquet with its licence and provenance beside it', () => {
    const parquet = shippedStockPricesPath(repositoryRoot);
    expect(fs.statSync(parquet).size).toBeLessThan(10_000_000);
    const notice = fs.readFileSync(path.join(path.dirname(parquet), 'NOTICE.md'), 'utf8');
    expect(notice).toContain('MIT License');
    expect(notice).toContain('Copyright (c) 2017 Cam Nugent');
    expect(notice).toContain('f1109438d6cfb3ffdaa7d4480437cfbaaedd3236');
  });

  it('loads every real row into the demo finance source', async () => {
    const checks = await single(`
      SELECT count(*) AS row_count, count(DISTINCT name) AS tickers, min(date)::VARCHAR AS first_day, max(date)::VARCHAR AS last_day,
        count(*) FILTER (WHERE open IS NULL) AS without_open, count(*) FILTER (WHERE isodow(date) > 5) AS weekend_rows
      FROM all_stocks_5yr`);
    expect(checks).toEqual({ row_count: '619040', tickers: '505', first_day: '2013-02-08', last_day: '2018-02-07', without_open: '11', weekend_rows: '0' });
    const apple = await single(`SELECT open, high, low, close, volume FROM all_stocks_5yr WHERE name = 'AAPL' AND date = DATE '2013-02-08'`);
    expect(apple).toEqual({ open: 67.7142, high: 68.4014, low: 66.8928, close: 67.8542, volume: '158168416' });
  });

  it('reproduces the seed document: average volume in July 2013 is 4,374,177', async () => {
    const row = await single(overlayExample('average volume'));
    expect(Math.round(Number(row.average_volume))).toBe(4_374_177);
  });

  it("reproduces the seed document's best and worst of May 2013: PCLN at $842.50, AMD at $3.22", async () => {
    // The document's query (max and min close per stock in May 2013), with the GROUP BY it left out.
    const perStock = `SELECT name, MAX(close) AS max_close, MIN(close) AS min_close FROM all_stocks_5yr
      WHERE date BETWEEN '2013-05-01' AND '2013-05-31' GROUP BY name`;
    expect(await finance.query(`${perStock} ORDER BY max_close DESC LIMIT 1`)).toEqual([{ name: 'PCLN', max_close: 842.5, min_close: 694.06 }]);
    expect(await finance.query(`SELECT name, min_close FROM (${perStock}) ORDER BY min_close ASC LIMIT 1`)).toEqual([{ name: 'AMD', min_close: 3.22 }]);
    // The curated example ranks by the month's percent change instead; on the real prices AMD gained most.
    expect(await finance.query(overlayExample('best and the worst'))).toEqual([
      { performance: 'best', name: 'AMD', percent_change: 42.35 },
      { performance: 'worst', name: 'FE', percent_change: -16.16 },
    ]);
  });

  it.skipIf(!fs.existsSync(kaggleCsv))('holds exactly the rows of the Kaggle CSV it was built from', async () => {
    await withDuckDb(':memory:', async (connection) => {
      const fingerprint = async (relation: string) =>
        (await connection.runAndReadAll(`SELECT count(*), sum(hash(date, open::DOUBLE, high::DOUBLE, low::DOUBLE, close::DOUBLE, volume, name)::HUGEINT) FROM (${relation})`))
          .getRowsJson()[0];
      const shipped = await fingerprint(`SELECT * FROM read_parquet('${shippedStockPricesPath(repositoryRoot)}')`);
      expect(shipped).toEqual(await fingerprint(stockPricesFromCsvQuery(kaggleCsv)));
      // Read as doubles straight from the CSV text, as any CSV reader would: the decimals lost nothing.
      expect(shipped).toEqual(await fingerprint(`SELECT date, open, high, low, close, volume, "Name" AS name FROM read_csv('${kaggleCsv}', header = true)`));
    });
  });
});

describe('buildStockPriceParquet', () => {
  it('writes typed, sorted rows with NULL for empty prices', async () => {
    const csv = path.join(dataDir, 'prices.csv');
    fs.writeFileSync(csv, 'date,open,high,low,close,volume,Name\n2013-02-11,,,,14.46,8882000,AAL\n2013-02-08,10.5,10.75,10.25,10.6125,100,AAL\n2013-02-08,67.7142,68.4014,66.8928,67.8542,158168416,AAPL\n');
    const target = path.join(dataDir, 'out', 'prices.parquet');
    expect(await buildStockPriceParquet(csv, target)).toMatchObject({ rows: 3, tickers: 2 });
    const rows = await withDuckDb(':memory:', async (connection) =>
      (await connection.runAndReadAll(`SELECT date::VARCHAR AS date, open, close, typeof(close) AS price_type, name FROM read_parquet('${target}')`)).getRowObjectsJson());
    expect(rows).toEqual([
      { date: '2013-02-08', open: '10.5000', close: '10.6125', price_type: 'DECIMAL(12,4)', name: 'AAL' },
      { date: '2013-02-11', open: null, close: '14.4600', price_type: 'DECIMAL(12,4)', name: 'AAL' },
      { date: '2013-02-08', open: '67.7142', close: '67.8542', price_type: 'DECIMAL(12,4)', name: 'AAPL' },
    ]);
  });

  it('refuses prices a four-decimal column would round', async () => {
    const csv = path.join(dataDir, 'precise.csv');
    fs.writeFileSync(csv, 'date,open,high,low,close,volume,Name\n2013-02-08,10.12345,11,10,10.5,100,AAL\n');
    await expect(buildStockPriceParquet(csv, path.join(dataDir, 'precise.parquet'))).rejects.toThrow(/more than four decimals/);
  });
});

describe('tickersForScale', () => {
  const all = Array.from({ length: 505 }, (_, index) => (index === 10 ? 'AAPL' : index === 40 ? 'AMZN' : index === 300 ? 'MSFT' : `T${String(index).padStart(3, '0')}`)).sort();

  it('keeps every ticker at full size and the named ones when scaled down', () => {
    expect(tickersForScale(all, 1)).toEqual(all);
    const few = tickersForScale(all, 0.05);
    expect(few).toHaveLength(25);
    expect(few).toEqual(expect.arrayContaining(['AAPL', 'AMZN', 'MSFT']));
    expect(tickersForScale(all, 0.001)).toHaveLength(20);
  });
});
