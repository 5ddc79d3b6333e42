import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import type { FederatedSource } from '../../src/federation/federated-plan-request.js';
import { allowedPlan, column, hrSource, lakeSource, plan, productSource } from './federation-fixtures.js';

const sources = [lakeSource('postgres'), hrSource, productSource];
const personalData = new Set(['claimant_email', 'ssn', 'supplier.email']);

describe('personal data never leaves a part', () => {
  it.each([
    ['named directly', 'SELECT c.claimant_email FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster'],
    ['named in a filter', "SELECT c.claim_id FROM lake.claims c WHERE c.claimant_email LIKE '%@example.com'"],
    ['inside a function', 'SELECT e.last_name, md5(e.ssn) FROM hr.employees e JOIN lake.claims c ON e.emp_no = c.adjuster'],
    ['through a star', 'SELECT * FROM lake.claims c JOIN hr.titles t ON t.emp_no = c.adjuster'],
    ['through a qualified star', 'SELECT e.* FROM hr.employees e JOIN lake.claims c ON e.emp_no = c.adjuster'],
    ['as a whole-row value', 'SELECT e FROM hr.employees e'],
    ['renamed by an alias column list', 'SELECT x.i FROM lake.claims AS x(a, b, c, d, e, f, g, h, i) JOIN hr.titles t ON t.emp_no = x.b'],
    ['through a CTE', 'WITH people AS (SELECT emp_no, ssn AS id FROM hr.employees) SELECT p.id FROM people p JOIN lake.claims c ON c.adjuster = p.emp_no'],
    ['of a REST operation', 'SELECT p."supplier.email" FROM product.listProducts p'],
  ])('refuses a query reading it %s', async (_label, sql) => {
    const verdict = await plan(sql, sources);
    expect(verdict).toMatchObject({ allowed: false, rule: 'pii-column' });
  });

  it('extracts no personal-data column in any allowed plan, even when the query counts rows only', async () => {
    for (const sql of [
      'SELECT count(*) FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster',
      'SELECT e.last_name FROM hr.employees e WHERE EXISTS (SELECT 1 FROM lake.claims)',
      'SELECT p.name FROM product.listProducts p JOIN lake.claims c ON c.claim_id = p.id',
    ]) {
      const built = await allowedPlan(sql, sources);
      for (const part of built.parts) expect(part.columns.filter((name) => personalData.has(name)), `${sql}: ${part.combineTable}`).toEqual([]);
    }
  });
});

describe('attacks inside a cross-source query are refused by the guard', () => {
  it.each([
    ['a write', 'DELETE FROM lake.claims', 'not-a-query'],
    ['a write in a CTE', 'WITH gone AS (DELETE FROM lake.claims RETURNING claim_id) SELECT * FROM gone', 'data-modifying-cte'],
    ['a second statement', 'SELECT 1 FROM hr.titles; DROP TABLE hr.titles', 'multiple-statements'],
    ['a file-reading function', "SELECT t.title FROM hr.titles t JOIN read_csv('/etc/passwd') p ON true", 'denied-file-access'],
    ['an environment read', "SELECT getenv('HOME'), t.title FROM hr.titles t", 'denied-file-access'],
    ['a system table', 'SELECT t.title FROM hr.titles t JOIN information_schema.tables s ON true', 'system-catalog'],
    ['a settings function', 'SELECT * FROM duckdb_settings()', 'system-catalog'],
    ['COPY', "COPY (SELECT title FROM hr.titles) TO '/tmp/out.csv'", 'denied-file-access'],
    ['SET', "SET memory_limit = '100GB'", 'not-a-query'],
  ])('%s', async (_label, sql, rule) => {
    expect(await plan(sql, sources)).toMatchObject({ allowed: false, rule });
  });

  it('refuses a table of a source the request does not include, and lists what the query names for the caller', async () => {
    const verdict = await plan('WITH x AS (SELECT 1 AS one) SELECT a.name FROM crm.accounts a JOIN hr.titles t ON t.emp_no = a.id, x', sources);
    expect(verdict).toMatchObject({ allowed: false, rule: 'unknown-table', tables: ['crm.accounts', 'hr.titles'] });
    if (verdict.allowed) return;
    expect(verdict.guardRequest).toMatchObject({ dialect: 'duckdb', protectedColumns: { 'hr.employees': ['ssn'], 'lake.claims': ['claimant_email'] } });
    expect(verdict.guardRequest.allowedTables).toContain('product.getWeatherForecast');
  });

  it('refuses an unqualified name and a name of another catalog, which DuckDB would resolve elsewhere', async () => {
    expect(await plan('SELECT title FROM titles', sources)).toMatchObject({ allowed: false, rule: 'unknown-table' });
    expect(await plan('SELECT title FROM system.hr.titles', sources)).toMatchObject({ allowed: false });
  });

  it('applies the answer row cap to the combine query', async () => {
    const built = await allowedPlan('SELECT t.title FROM hr.titles t LIMIT 5000', sources, { rowLimit: 51 });
    expect(built.combineSql).toBe('SELECT t.title FROM hr.titles t LIMIT 51');
  });
});

describe('an extraction the part guard refuses', () => {
  it('is a planner bug: SWY_ERR_INTERNAL naming the table and the rule, and nothing runs', async () => {
    // Athena reads "orders$partitions" as partition metadata; DuckDB, where the combine query is judged, has no such tables.
    const athena: FederatedSource = { name: 'lake', dialect: 'athena', tables: [{ name: 'orders$partitions', columns: [column('day', 'date')] }] };
    const failure = await plan('SELECT p.day FROM lake."orders$partitions" p', [athena]).catch((error: unknown) => error);
    expect(SwitchyardError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'SWY_ERR_INTERNAL', details: { part: 1, source: 'lake', table: 'orders$partitions', rule: 'system-catalog' } });
    expect((failure as Error).message).toMatch(/extraction of lake\.orders\$partitions that the read-only guard refuses \(system-catalog/);
  });
});

describe('a table whose columns are all personal data', () => {
  it('cannot take part: a repairable error naming it', async () => {
    const secret: FederatedSource = { name: 'vault', dialect: 'postgres', tables: [{ name: 'keys', columns: [column('secret', 'text', true)] }] };
    await expect(plan('SELECT count(*) FROM vault.keys', [secret])).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_FAILED', message: expect.stringContaining('vault.keys') });
  });
});

describe('a source named like one of DuckDB’s own databases', () => {
  it('cannot take part: a configuration error saying to rename it', async () => {
    await expect(plan('SELECT t.title FROM temp.titles t', [{ ...hrSource, name: 'temp' }])).rejects.toMatchObject({
      code: 'SWY_ERR_CONFIG_INVALID',
      message: expect.stringContaining('Rename the source'),
    });
  });

  it('cannot name a table its source names with a catalog (four parts with the source), which DuckDB cannot parse', async () => {
    const trino: FederatedSource = { name: 'lake', dialect: 'trino', tables: [{ name: 'hive.web.visits', columns: [column('day', 'date')] }] };
    expect(await plan('SELECT v.day FROM lake.hive.web.visits v', [trino, hrSource])).toMatchObject({ allowed: false, rule: 'parse-error' });
  });
});
