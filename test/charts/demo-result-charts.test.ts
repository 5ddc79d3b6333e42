import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResponse } from '../../src/schemas/query-schema.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

/** Charts proposed for real answers over the demo sources: the model's SQL is scripted, the rows are real. */
describe('charts of demo answers', () => {
  let app: FastifyInstance;
  let nextSql = '';
  const model = new ScriptedLanguageModel([], () => `<sql>${nextSql}</sql>`);

  beforeAll(async () => {
    app = await buildTestApp({ languageModel: model });
  });
  afterAll(async () => app?.close());

  async function chartFor(source: string, sql: string): Promise<{ chart: QueryResponse['chart']; values: Record<string, unknown>[] }> {
    nextSql = sql;
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: `chart ${sql}`, source, explain: false } });
    expect(response.statusCode).toBe(200);
    const body = response.json<QueryResponse>();
    return { chart: body.chart, values: (body.chart?.spec.data as { values: Record<string, unknown>[] } | undefined)?.values ?? [] };
  }

  it('tickets sold each month: one line over the twelve months, with no colour per month name', async () => {
    const { chart } = await chartFor(
      'sales',
      'SELECT EXTRACT(MONTH FROM saletime) AS month_number, monthname(saletime) AS month_name, SUM(qtysold) AS tickets_sold FROM sales GROUP BY 1, 2 ORDER BY 1',
    );
    expect(chart?.kind).toBe('line');
    const encoding = chart?.spec.encoding as Record<string, unknown>;
    expect(encoding.color).toBeUndefined();
    expect(encoding.x).toMatchObject({ field: 'month_name', type: 'ordinal' });
    expect((encoding.x as { sort: string[] }).sort.slice(0, 3)).toEqual(['January', 'February', 'March']);
  });

  it('the TICKIT month column (JAN, FEB…) is drawn over the calendar', async () => {
    const { chart } = await chartFor('sales', 'SELECT d.month, SUM(s.qtysold) AS tickets_sold FROM sales s JOIN date d ON d.dateid = s.dateid GROUP BY d.month');
    expect(chart?.kind).toBe('line');
    expect((chart?.spec.encoding as { x: { sort: string[] } }).x.sort.slice(0, 3)).toEqual(['JAN', 'FEB', 'MAR']);
  });

  it('top sellers are labelled by full name', async () => {
    const { chart, values } = await chartFor(
      'sales',
      'SELECT u.firstname, u.lastname, SUM(s.qtysold) AS tickets_sold FROM sales s JOIN users u ON u.userid = s.sellerid GROUP BY u.userid, u.firstname, u.lastname ORDER BY tickets_sold DESC LIMIT 5',
    );
    expect(chart?.kind).toBe('bar');
    for (const value of values) expect(value['firstname lastname']).toBe(`${value.firstname} ${value.lastname}`);
  });

  it('the best and worst stock are labelled by ticker', async () => {
    const { chart, values } = await chartFor(
      'finance',
      `WITH may AS (SELECT name, arg_min(open, date) AS first_open, arg_max(close, date) AS last_close FROM all_stocks_5yr
         WHERE date BETWEEN DATE '2013-05-01' AND DATE '2013-05-31' GROUP BY name),
       ranked AS (SELECT name, ROUND(100 * (last_close - first_open) / first_open, 2) AS percent_change FROM may)
       (SELECT 'best' AS performance, name, percent_change FROM ranked ORDER BY percent_change DESC LIMIT 1)
       UNION ALL (SELECT 'worst' AS performance, name, percent_change FROM ranked ORDER BY percent_change ASC LIMIT 1)`,
    );
    expect(chart?.kind).toBe('bar');
    expect(values.map((value) => value['name (performance)'])).toEqual([`${values[0]!.name} (best)`, `${values[1]!.name} (worst)`]);
  });

  it('monthly sales per category: one line per category, each in its own colour', async () => {
    const { chart } = await chartFor(
      'sales',
      "SELECT c.catname, date_trunc('month', s.saletime) AS sale_month, SUM(s.qtysold) AS tickets FROM sales s JOIN event e ON e.eventid = s.eventid JOIN category c ON c.catid = e.catid GROUP BY 1, 2 ORDER BY 2, 1",
    );
    const colour = (chart?.spec.encoding as { color: { field: string; sort: string[]; scale: { scheme: string } } }).color;
    expect(colour.field).toBe('catname');
    expect(colour.sort.length).toBeGreaterThan(10);
    expect(colour.scale.scheme).toBe('tableau20');
  });
});
