import { describe, expect, it } from 'vitest';
import { allowedPlan, hrSource, partOf, plan, productSource } from './federation-fixtures.js';

const sources = [productSource, hrSource];
const forecast = (where: string) => `SELECT w.city, w.date FROM product.getWeatherForecast w JOIN hr.titles t ON t.title = w.condition${where}`;

describe('a REST operation read as a table', () => {
  it('sends one request per enum value of a required parameter the query does not filter', async () => {
    const part = partOf(await allowedPlan(forecast(''), sources), 'product.getWeatherForecast');
    expect(part).toMatchObject({ dialect: 'openapi', requestLanguage: 'http-get', pushedFilters: [], columns: ['city', 'date', 'condition'] });
    expect(part.statements).toEqual(['Seattle', 'Chicago', 'Miami', 'Denver', 'Boston'].map((city) => `GET /weather/${city}`));
    expect(part.sql).toBe(part.statements.join('\n'));
  });

  it('takes a required parameter from an equality or IN filter on the column of that name, within the enum', async () => {
    expect(partOf(await allowedPlan(forecast(" WHERE w.city = 'Miami'"), sources), 'product.getWeatherForecast')).toMatchObject({
      statements: ['GET /weather/Miami'],
      pushedFilters: [`"city" IN ('Miami')`],
    });
    expect(partOf(await allowedPlan(forecast(" WHERE w.city IN ('Boston', 'Paris', 'Denver')"), sources), 'product.getWeatherForecast').statements).toEqual([
      'GET /weather/Boston',
      'GET /weather/Denver',
    ]);
    expect(partOf(await allowedPlan(forecast(" WHERE w.city IN ('Boston', 'Denver') AND w.city = 'Denver'"), sources), 'product.getWeatherForecast').statements).toEqual([
      'GET /weather/Denver',
    ]);
  });

  it('sends nothing when no allowed value can match (the table holds no such rows)', async () => {
    expect(partOf(await allowedPlan(forecast(" WHERE w.city = 'Paris'"), sources), 'product.getWeatherForecast')).toMatchObject({ statements: [], sql: '' });
  });

  it('leaves optional parameters at their defaults', async () => {
    expect(partOf(await allowedPlan('SELECT p.name FROM product.listProducts p', sources), 'product.listProducts').statements).toEqual(['GET /products']);
  });

  it('takes a numeric parameter from a numeric filter, and asks for one when a required parameter without an enum has none', async () => {
    expect(partOf(await allowedPlan('SELECT o.total FROM product.getOrder o WHERE o.id IN (3, 4)', sources), 'product.getOrder').statements).toEqual(['GET /orders/3', 'GET /orders/4']);
    await expect(plan('SELECT o.total FROM product.getOrder o WHERE o.id > 3', sources)).rejects.toMatchObject({
      code: 'SWY_ERR_QUERY_FAILED',
      message: expect.stringContaining('filter that table with id = <value>'),
    });
    await expect(plan('SELECT o.total FROM product.getOrder o WHERE o.id = 2.5', sources)).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_FAILED' });
  });

  it('refuses an operation whose required parameter is none of its columns, and one needing too many requests', async () => {
    await expect(plan('SELECT p.name FROM product.getProduct p WHERE p.id = 3', sources)).rejects.toMatchObject({
      code: 'SWY_ERR_QUERY_FAILED',
      message: expect.stringContaining('needs the parameter "productId", which is none of its columns'),
    });
    await expect(plan('SELECT q.rate FROM product.getRate q', sources)).rejects.toMatchObject({
      code: 'SWY_ERR_FEDERATION_PART_TOO_LARGE',
      details: { part: 1, table: 'getRate', requests: 121, cap: 100 },
    });
    expect(partOf(await allowedPlan("SELECT q.rate FROM product.getRate q WHERE q.base = 'A' AND q.quote IN ('B', 'C')", sources), 'product.getRate').statements).toEqual([
      'GET /rates/A/B',
      'GET /rates/A/C',
    ]);
  });

  it('refuses a table whose operation the API document no longer has', async () => {
    const stale = { ...productSource, operations: {} };
    await expect(plan('SELECT p.name FROM product.listProducts p', [stale])).rejects.toMatchObject({
      code: 'SWY_ERR_QUERY_FAILED',
      message: expect.stringContaining('product.listProducts is no GET operation'),
    });
  });
});
