import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGeneratorVersion, ensureDemoData, type DemoManifest, type EnsureDemoDataResult } from '../../src/demo/demo-data-generator.js';
import { fingerprintDemo, makeTemporaryDataDir, openDemoSource, type OpenSource } from './demo-test-support.js';

const dataDir = makeTemporaryDataDir('full');
let first: EnsureDemoDataResult;

beforeAll(async () => {
  first = await ensureDemoData(dataDir);
  console.log(`[demo] full-size generation took ${Math.round(first.elapsedMs)} ms`);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function withSource<T>(name: string, work: (source: OpenSource) => Promise<T>): Promise<T> {
  const source = await openDemoSource(name, dataDir);
  try {
    return await work(source);
  } finally {
    source.close();
  }
}

async function single(source: OpenSource, sql: string): Promise<Record<string, unknown>> {
  const [row] = await source.query(sql);
  if (!row) throw new Error(`no row from: ${sql}`);
  return row;
}

describe('ensureDemoData at full size', () => {
  it('generates the documented row counts and a manifest', () => {
    expect(first.generated).toBe(true);
    expect(first.rowCounts).toMatchObject({
      'sales.users': 49_990, 'sales.venue': 202, 'sales.category': 11, 'sales.date': 365, 'sales.event': 8_798,
      'sales.listing': 192_497, 'sales.sales': 172_456, 'hr.employees': 30_000, 'hr.departments': 9,
    });
    expect(first.rowCounts['hr.salaries']).toBeGreaterThan(250_000);
    expect(first.rowCounts['legal.claims']).toBeGreaterThan(7 * 4_500);
    expect(first.rowCounts['finance.all_stocks_5yr']).toBe(619_040);
    const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo', 'manifest.json'), 'utf8')) as DemoManifest;
    expect(manifest).toMatchObject({ generatorVersion: demoGeneratorVersion, seed: 2008, scale: 1, rowCounts: first.rowCounts });
    expect(manifest.files).toEqual(expect.arrayContaining(['sales.duckdb', 'hr.duckdb', 'finance.duckdb', path.join('legal', 'claims', 'year=2023', 'part-0.parquet')]));
    expect(fs.readdirSync(dataDir)).toEqual(['demo']);
  });

  it('keeps TICKIT referential integrity, dates and the 15% commission', async () => {
    await withSource('sales', async (source) => {
      const checks = await single(source, `
        SELECT
          count(*) FILTER (WHERE l.listid IS NULL) AS sales_without_listing,
          count(*) FILTER (WHERE s.sellerid <> l.sellerid OR s.eventid <> l.eventid) AS sales_disagreeing_with_listing,
          count(*) FILTER (WHERE abs(s.commission - 0.15 * s.pricepaid) > 0.005) AS wrong_commission,
          count(*) FILTER (WHERE s.pricepaid <> s.qtysold * l.priceperticket) AS wrong_price,
          count(*) FILTER (WHERE s.saletime < l.listtime OR s.saletime > e.starttime) AS sale_out_of_window,
          count(*) FILTER (WHERE d.caldate IS DISTINCT FROM s.saletime::DATE) AS sale_dateid_mismatch,
          count(*) FILTER (WHERE year(s.saletime) <> 2008) AS sales_outside_2008,
          count(*) FILTER (WHERE s.buyerid = s.sellerid) AS self_purchases,
          count(*) FILTER (WHERE b.userid IS NULL) AS unknown_buyers
        FROM sales s
        LEFT JOIN listing l ON l.listid = s.listid
        LEFT JOIN event e ON e.eventid = s.eventid
        LEFT JOIN date d ON d.dateid = s.dateid
        LEFT JOIN users b ON b.userid = s.buyerid`);
      expect(checks).toEqual({
        sales_without_listing: '0', sales_disagreeing_with_listing: '0', wrong_commission: '0', wrong_price: '0',
        sale_out_of_window: '0', sale_dateid_mismatch: '0', sales_outside_2008: '0', self_purchases: '0', unknown_buyers: '0',
      });
      const oversold = await single(source, `
        SELECT count(*) AS listings FROM (SELECT l.listid FROM listing l JOIN sales s USING (listid)
          GROUP BY l.listid, l.numtickets HAVING sum(s.qtysold) > l.numtickets)`);
      expect(oversold.listings).toBe('0');
      const orphans = await single(source, `
        SELECT (SELECT count(*) FROM event WHERE venueid NOT IN (SELECT venueid FROM venue) OR catid NOT IN (SELECT catid FROM category)
                  OR dateid NOT IN (SELECT dateid FROM date)) AS orphan_events,
               (SELECT count(*) FROM listing WHERE sellerid NOT IN (SELECT userid FROM users)
                  OR eventid NOT IN (SELECT eventid FROM event)) AS orphan_listings`);
      expect(orphans).toEqual({ orphan_events: '0', orphan_listings: '0' });
      const calendar = await single(source, `SELECT min(caldate)::VARCHAR AS first, max(caldate)::VARCHAR AS last, count(*) FILTER (WHERE holiday) AS holidays FROM date`);
      expect(calendar).toEqual({ first: '2008-01-01', last: '2008-12-31', holidays: '10' });
      const categories = await source.query(`SELECT catname FROM category ORDER BY catid`);
      expect(categories.map((row) => row.catname)).toEqual(['MLB', 'NHL', 'NFL', 'NBA', 'MLS', 'Musicals', 'Plays', 'Opera', 'Pop', 'Jazz', 'Classical']);
    });
  });

  it('has realistic sales skew: San Diego sellers, a few busy sellers, commission in the TICKIT range', async () => {
    await withSource('sales', async (source) => {
      const sanDiego = await single(source, `
        SELECT count(DISTINCT s.sellerid) AS sellers FROM sales s JOIN users u ON u.userid = s.sellerid WHERE u.city = 'San Diego'`);
      expect(Number(sanDiego.sellers)).toBeGreaterThan(100);
      const skew = await single(source, `
        SELECT max(tickets) AS busiest, median(tickets) AS typical FROM
          (SELECT sellerid, sum(qtysold) AS tickets FROM sales GROUP BY sellerid)`);
      expect(Number(skew.busiest)).toBeGreaterThan(20 * Number(skew.typical));
      const commission = await single(source, `SELECT sum(commission)::DOUBLE AS total FROM sales`);
      expect(Number(commission.total)).toBeGreaterThan(10_000_000);
      expect(Number(commission.total)).toBeLessThan(25_000_000);
    });
  });

  it('builds a consistent HR history with open-ended current rows', async () => {
    await withSource('hr', async (source) => {
      const ranges = await single(source, `
        SELECT min(hire_date)::VARCHAR AS first_hire, max(hire_date)::VARCHAR AS last_hire,
          min(birth_date)::VARCHAR AS first_birth, max(birth_date)::VARCHAR AS last_birth,
          count(*) FILTER (WHERE gender NOT IN ('M', 'F')) AS bad_gender FROM employees`);
      expect(ranges.first_hire! >= '1985-01-01' && ranges.last_hire! <= '2000-12-31').toBe(true);
      expect(ranges.first_birth! >= '1952-01-01' && ranges.last_birth! <= '1965-12-31').toBe(true);
      expect(ranges.bad_gender).toBe('0');
      const current = await single(source, `
        SELECT (SELECT count(DISTINCT emp_no) FROM salaries WHERE to_date = DATE '9999-01-01') AS paid_now,
               (SELECT count(DISTINCT emp_no) FROM dept_emp WHERE to_date = DATE '9999-01-01') AS assigned_now,
               (SELECT count(DISTINCT emp_no) FROM titles WHERE to_date = DATE '9999-01-01') AS titled_now,
               (SELECT count(*) FROM departments) AS departments,
               (SELECT count(DISTINCT dept_no) FROM dept_manager WHERE to_date = DATE '9999-01-01') AS managed_now,
               (SELECT count(*) FROM salaries s JOIN employees e USING (emp_no) WHERE s.from_date < e.hire_date OR s.to_date <= s.from_date) AS bad_periods`);
      expect(Number(current.paid_now)).toBeGreaterThan(20_000);
      expect(current.assigned_now).toBe(current.paid_now);
      expect(current.titled_now).toBe(current.paid_now);
      expect(current).toMatchObject({ departments: '9', managed_now: '9', bad_periods: '0' });
    });
  });

  it('writes Hive-partitioned claims with a plausible fraud ratio', async () => {
    const years = fs.readdirSync(path.join(dataDir, 'demo', 'legal', 'claims')).sort();
    expect(years).toEqual(['year=2019', 'year=2020', 'year=2021', 'year=2022', 'year=2023', 'year=2024', 'year=2025']);
    await withSource('legal', async (source) => {
      const perYear = await source.query(`
        SELECT year, count(*) AS claims, avg(fraud) AS fraud_ratio, count(*) FILTER (WHERE year(write_time) <> year) AS misfiled
        FROM claims GROUP BY year ORDER BY year`);
      expect(perYear).toHaveLength(7);
      for (const row of perYear) {
        expect(Number(row.claims)).toBeGreaterThan(4_000);
        expect(Number(row.claims)).toBeLessThan(6_000);
        expect(Number(row.fraud_ratio)).toBeGreaterThan(0.015);
        expect(Number(row.fraud_ratio)).toBeLessThan(0.06);
        expect(row.misfiled).toBe('0');
      }
      const integrity = await single(source, `
        SELECT count(DISTINCT claim_id) = count(*) AS unique_ids, count(*) FILTER (WHERE incident_date > write_time::DATE) AS future_incidents,
          count(*) FILTER (WHERE claim_amount <= 0) AS non_positive FROM claims`);
      expect(integrity).toEqual({ unique_ids: true, future_incidents: '0', non_positive: '0' });
    });
  });

  it('loads the real daily stock prices', async () => {
    await withSource('finance', async (source) => {
      const checks = await single(source, `
        SELECT count(DISTINCT name) AS tickers, min(date)::VARCHAR AS first_day, max(date)::VARCHAR AS last_day FROM all_stocks_5yr`);
      expect(checks).toEqual({ tickers: '505', first_day: '2013-02-08', last_day: '2018-02-07' });
    });
  });

  it('reuses a matching folder without regenerating', async () => {
    const again = await ensureDemoData(dataDir);
    expect(again.generated).toBe(false);
    expect(again.rowCounts).toEqual(first.rowCounts);
  });

  it('regenerates byte-identical table contents for the same seed', async () => {
    const before = await fingerprintDemo(dataDir);
    const forced = await ensureDemoData(dataDir, { force: true });
    expect(forced.generated).toBe(true);
    expect(await fingerprintDemo(dataDir)).toEqual(before);
    expect(fs.readdirSync(dataDir)).toEqual(['demo']);
  });
});
