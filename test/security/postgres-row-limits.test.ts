import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService } from '../helpers/services.js';
import { OutcomeTally } from './helpers/outcome-tally.js';
import { startPostgresTarget, type PostgresTarget } from './helpers/postgres-target.js';
import { bearer, redTeamClients } from './helpers/red-team-clients.js';

/*
 * Class 8 on PostgreSQL, which has both forms natively: LIMIT ALL and FETCH … WITH TIES must answer
 * with exactly the rows PostgreSQL gives (the guard's LIMIT rewrite keeps them valid), in the answer
 * and in rows.csv; and the owner's rows.csv stays the owner's although the attacker may use `shop` too.
 */
const postgres = await probeService('postgres');
const tally = new OutcomeTally('row limits and downloads (PostgreSQL shop)');

describe.skipIf(!postgres.available)('class 8 on PostgreSQL: LIMIT ALL, FETCH … WITH TIES, rows.csv ownership', () => {
  let target: PostgresTarget;

  beforeAll(async () => {
    target = await startPostgresTarget();
  });

  afterAll(async () => {
    tally.print();
    await target?.close();
  });

  async function ask(key: string, sql: string, question: string) {
    target.observed.model.sql = sql;
    return target.observed.app.inject({ method: 'POST', url: '/query', headers: bearer(key), payload: { question, source: 'shop' } });
  }

  it("another client allowed the same source cannot download the owner's rows.csv", async () => {
    const owner = await ask(redTeamClients.ownerKey, 'SELECT order_id, amount FROM orders ORDER BY order_id LIMIT 3', 'First three orders?');
    expect(owner.statusCode, owner.body.slice(0, 200)).toBe(200);
    const url = `/query/${(owner.json() as { queryId: string }).queryId}/rows.csv`;
    const stolen = await target.observed.app.inject({ method: 'GET', url, headers: bearer(redTeamClients.attackerKey) });
    tally.record(8, '8-postgres-rows-csv-other-client', stolen.statusCode === 404 ? 'refused' : 'leaked');
    expect(stolen.statusCode, `another client got: ${stolen.body.slice(0, 200)}`).toBe(404);
  });

  const forms: [name: string, sql: string][] = [
    ['limit-all', 'SELECT order_id, customer_id FROM orders ORDER BY order_id LIMIT ALL'],
    ['limit-all-offset', 'SELECT order_id FROM orders ORDER BY order_id LIMIT ALL OFFSET 15'],
    ['fetch-with-ties', 'SELECT order_id, customer_id FROM orders ORDER BY customer_id FETCH FIRST 2 ROWS WITH TIES'],
    ['offset-fetch-with-ties', 'SELECT order_id, customer_id FROM orders ORDER BY customer_id OFFSET 1 ROWS FETCH NEXT 4 ROWS WITH TIES'],
  ];
  const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row.map(String))).sort();
  for (const [name, sql] of forms) {
    it(`${name} answers with PostgreSQL's own rows, in the answer and in rows.csv`, async () => {
      const expected = (await target.owner.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
      const response = await ask(redTeamClients.attackerKey, sql, `Row limit form ${name}`);
      let breach = true;
      try {
        expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
        const body = response.json() as { rows: unknown[][]; queryId: string };
        expect(sorted(body.rows)).toEqual(sorted(expected));
        const download = await target.observed.app.inject({ method: 'GET', url: `/query/${body.queryId}/rows.csv`, headers: bearer(redTeamClients.attackerKey) });
        expect(download.statusCode, download.body.slice(0, 200)).toBe(200);
        expect(download.body.trim().split('\n')).toHaveLength(expected.length + 1);
        breach = false;
      } finally {
        tally.record(8, `8-postgres-${name}`, breach ? 'leaked' : 'harmless');
      }
    });
  }
});
