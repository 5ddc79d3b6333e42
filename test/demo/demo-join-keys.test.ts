import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseColumnPath } from '../../src/catalog/declared-relationships.js';
import { demoCities } from '../../src/demo/product-api-data.js';
import { venueSponsorTickers } from '../../src/demo/tickit-word-lists.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { repositoryRoot } from '../helpers/services.js';
import { openAllDemoSources, readOverlay, type OpenSource } from './demo-test-support.js';

// The demo data of the test run (generated once by the global setup, full size), every source in one DuckDB.
let demo: OpenSource;

beforeAll(async () => {
  demo = await openAllDemoSources(testDataDirectory);
});

afterAll(() => {
  demo?.close();
});

const overlayNames = fs.readdirSync(path.join(repositoryRoot, 'catalog', 'overlays')).map((file) => file.replace(/\.yaml$/, ''));
const crossSourceExamples = overlayNames.flatMap((name) => (readOverlay(name).crossSourceExamples ?? []).map((example) => ({ overlay: name, ...example })));
const declared = overlayNames.flatMap((name) => readOverlay(name).relationships ?? []);

async function single(sql: string): Promise<Record<string, unknown>> {
  const [row] = await demo.query(sql);
  if (!row) throw new Error(`no row from: ${sql}`);
  return row;
}

describe('join keys between the demo sources', () => {
  it('assigns every claim an adjuster who is a current Customer Service employee in hr', async () => {
    const checks = await single(`
      SELECT count(*) AS claims, count(DISTINCT c.adjuster_emp_no) AS adjusters,
        count(*) FILTER (WHERE e.emp_no IS NULL) AS unknown_adjusters,
        count(*) FILTER (WHERE d.emp_no IS NULL) AS adjusters_not_in_customer_service
      FROM legal.claims c
      LEFT JOIN hr.employees e ON e.emp_no = c.adjuster_emp_no
      LEFT JOIN hr.dept_emp d ON d.emp_no = c.adjuster_emp_no AND d.dept_no = 'd008' AND d.to_date = DATE '9999-01-01'`);
    expect(Number(checks.claims)).toBeGreaterThan(30_000);
    expect(checks).toMatchObject({ adjusters: '36', unknown_adjusters: '0', adjusters_not_in_customer_service: '0' });
  });

  it('names venues after listed companies whose stock the finance source holds', async () => {
    const sponsors = await demo.query(`
      SELECT v.venuename, v.sponsor_ticker, count(f.name) AS trading_days
      FROM sales.venue v LEFT JOIN finance.all_stocks_5yr f ON f.name = v.sponsor_ticker
      WHERE v.sponsor_ticker IS NOT NULL GROUP BY ALL ORDER BY v.venuename`);
    expect(Object.fromEntries(sponsors.map((row) => [row.venuename, row.sponsor_ticker]))).toEqual(venueSponsorTickers);
    for (const row of sponsors) expect(Number(row.trading_days), String(row.sponsor_ticker)).toBeGreaterThan(800);
    const events = await single(`SELECT count(*) AS events FROM sales.event e JOIN sales.venue v USING (venueid) WHERE v.sponsor_ticker IS NOT NULL`);
    expect(Number(events.events)).toBeGreaterThan(100);
  });

  it('has venues in every city of the weather forecast', async () => {
    const cities = await demo.query(`SELECT DISTINCT w.city FROM product."getWeatherForecast" w JOIN sales.venue v ON v.venuecity = w.city ORDER BY 1`);
    expect(cities.map((row) => row.city)).toEqual([...demoCities].sort());
  });

  it.each(declared.map((relationship) => [`${relationship.from} → ${relationship.to}`, relationship] as const))(
    'declared %s: every value of the referencing column is in the referenced one',
    async (_label, relationship) => {
      const [from, to] = [parseColumnPath(relationship.from)!, parseColumnPath(relationship.to)!];
      const column = (end: typeof from) => `"${end.source}"."${end.table}"`;
      const overlap = await single(`
        SELECT count(DISTINCT f."${from.column}") AS values_found, count(DISTINCT f."${from.column}") FILTER (WHERE t.key IS NULL) AS values_missing
        FROM ${column(from)} f LEFT JOIN (SELECT DISTINCT "${to.column}" AS key FROM ${column(to)}) t ON t.key = f."${from.column}"
        WHERE f."${from.column}" IS NOT NULL`);
      expect(Number(overlap.values_found)).toBeGreaterThan(3);
      expect(overlap.values_missing).toBe('0');
    },
  );
});

describe('cross-source example questions of the overlays', () => {
  it('exist for three pairs of sources, each marked with the sources it needs', () => {
    expect(crossSourceExamples.map((example) => [...example.sources].sort().join('+'))).toEqual(
      expect.arrayContaining(['hr+legal', 'finance+sales', 'product+sales']),
    );
    for (const example of crossSourceExamples) expect(example.sources).toContain(example.overlay);
  });

  it.each(crossSourceExamples.map((example) => [example.question, example] as const))('%s returns rows over the demo sources', async (_question, example) => {
    const rows = await demo.query(example.sql);
    expect(rows.length).toBeGreaterThan(0);
    for (const source of example.sources) expect(example.sql, `${example.question} reads ${source}`).toMatch(new RegExp(`\\b${source}\\.`));
  });
});
