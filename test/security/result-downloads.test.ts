import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDataDirectory } from '../helpers/global-setup.js';
import { removeAttackFiles } from './helpers/file-listing.js';
import { OutcomeTally } from './helpers/outcome-tally.js';
import { apiKeysSetting, bearer, redTeamClients } from './helpers/red-team-clients.js';
import { startSingleDuckDbApp, type SingleSourceApp } from './helpers/single-source-app.js';

/*
 * Class 8: a rows.csv download belongs to the client that asked, even when another client may use the
 * same source; and the row-limit forms LIMIT ALL and FETCH … WITH TIES answer (the guard's LIMIT
 * rewrite must keep them valid) with the rows the SQL means.
 */
const tally = new OutcomeTally('downloads and row limits (DuckDB sales)');

describe('class 8: rows.csv ownership, LIMIT ALL, FETCH … WITH TIES', () => {
  let sales: SingleSourceApp;

  beforeAll(async () => {
    sales = await startSingleDuckDbApp('sales', path.join(testDataDirectory, 'demo', 'sales.duckdb'), {
      // Both clients may use sales: only ownership of the answer tells them apart.
      SWITCHYARD_API_KEYS: apiKeysSetting(['sales'], ['sales']),
    });
  });

  afterAll(async () => {
    tally.print();
    await sales?.close();
    removeAttackFiles();
  });

  async function ask(key: string, sql: string, question: string) {
    sales.model.sql = sql;
    return sales.app.inject({ method: 'POST', url: '/query', headers: bearer(key), payload: { question, source: 'sales' } });
  }

  async function direct(sql: string): Promise<unknown[][]> {
    return (await sales.app.sources.handle('sales').connector.execute(sql, { maxRows: 1000, timeoutMs: 10_000 })).rows;
  }

  it("another client allowed the same source cannot download the owner's rows.csv; the owner can", async () => {
    const owner = await ask(redTeamClients.ownerKey, 'SELECT eventname FROM event ORDER BY eventid LIMIT 5', 'Which are the first five events?');
    expect(owner.statusCode, owner.body.slice(0, 200)).toBe(200);
    const queryId = (owner.json() as { queryId: string }).queryId;
    const stolen = await sales.app.inject({ method: 'GET', url: `/query/${queryId}/rows.csv`, headers: bearer(redTeamClients.attackerKey) });
    const own = await sales.app.inject({ method: 'GET', url: `/query/${queryId}/rows.csv`, headers: bearer(redTeamClients.ownerKey) });
    tally.record(8, '8-duckdb-rows-csv-other-client', stolen.statusCode === 404 ? 'refused' : 'leaked');
    expect(own.statusCode).toBe(200);
    expect(stolen.statusCode, `another client got: ${stolen.body.slice(0, 200)}`).toBe(404);
    expect((stolen.json() as { error: { code: string } }).error.code).toBe('SWY_ERR_NOT_FOUND');
  });

  /** Form, SQL, and the SQL giving the same rows without the form (DuckDB has no WITH TIES of its own). */
  const rowLimitForms: [name: string, sql: string, equivalent: string][] = [
    ['limit-all', 'SELECT catname FROM category ORDER BY catid LIMIT ALL', 'SELECT catname FROM category ORDER BY catid'],
    ['limit-all-offset', 'SELECT catname FROM category ORDER BY catid LIMIT ALL OFFSET 2', 'SELECT catname FROM category ORDER BY catid OFFSET 2'],
    ['limit-all-from-first', 'FROM category SELECT catname ORDER BY catid LIMIT ALL', 'SELECT catname FROM category ORDER BY catid'],
    ['limit-all-in-cte', 'WITH c AS (SELECT catid, catname FROM category LIMIT ALL) SELECT catname FROM c ORDER BY catid', 'SELECT catname FROM category ORDER BY catid'],
    ['fetch-only', 'SELECT catname FROM category ORDER BY catid FETCH FIRST 3 ROWS ONLY', 'SELECT catname FROM category ORDER BY catid LIMIT 3'],
    [
      'fetch-with-ties',
      'SELECT catname, catgroup FROM category ORDER BY catgroup FETCH FIRST 1 ROWS WITH TIES',
      'SELECT catname, catgroup FROM category QUALIFY rank() OVER (ORDER BY catgroup) <= 1',
    ],
    [
      'offset-fetch-with-ties',
      'SELECT catname, catgroup FROM category ORDER BY catgroup OFFSET 0 ROWS FETCH NEXT 3 ROWS WITH TIES',
      'SELECT catname, catgroup FROM category QUALIFY rank() OVER (ORDER BY catgroup) <= 3',
    ],
  ];
  const refusable = /with-ties|from-first/u;
  const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
  for (const [name, sql, equivalent] of rowLimitForms) {
    it(`${name} answers with the rows the SQL means (answer and rows.csv), or is refused as unsupported with a stable code`, async () => {
      const expected = await direct(equivalent);
      const response = await ask(redTeamClients.attackerKey, sql, `Row limit form ${name}`);
      let outcome: 'refused' | 'harmless' | 'leaked' = 'leaked';
      try {
        // DuckDB has no WITH TIES, and FROM-first is DuckDB-only syntax the guard's grammar cannot read: those
        // may be refused up front as a parse error; every other form must answer. A 502 is neither.
        if (refusable.test(name) && response.statusCode === 422) {
          const error = (response.json() as { error: { code: string; details: { rule: string } } }).error;
          expect(error.code).toBe('SWY_ERR_SQL_REJECTED');
          expect(error.details.rule).toBe('parse-error');
          outcome = 'refused';
          return;
        }
        expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
        const body = response.json() as { rows: unknown[][]; queryId: string };
        expect(sorted(body.rows)).toEqual(sorted(expected));
        const download = await sales.app.inject({ method: 'GET', url: `/query/${body.queryId}/rows.csv`, headers: bearer(redTeamClients.attackerKey) });
        expect(download.statusCode, download.body.slice(0, 200)).toBe(200);
        // Header line plus one line per row.
        expect(download.body.trim().split('\n')).toHaveLength(expected.length + 1);
        outcome = 'harmless';
      } finally {
        tally.record(8, `8-duckdb-${name}`, outcome);
      }
    });
  }
});
