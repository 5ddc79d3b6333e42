import { describe, expect, it } from 'vitest';
import type { SqlDialectName } from '../../src/dialects/sql-dialect.js';
import { allowedPlan, hrSource, lakeSource, partOf } from './federation-fixtures.js';

// One query with every pushable form and a few that must stay in DuckDB, planned with `lake` in each dialect.
const query = `
  SELECT c.claim_id, c.fraud, e.last_name
  FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster
  WHERE c.amount > 1000.50 AND c.status = 'open' AND c.status IN ('open', 'review') AND c.status LIKE 'op%'
    AND c.filed BETWEEN DATE '2024-01-01' AND '2024-03-31' AND c.written >= TIMESTAMP '2024-01-01 08:30'
    AND c.score < 3 AND c.adjuster IS NOT NULL
    AND c.score > 1.5 AND c.status <> 'closed' AND c.fraud = true
    AND e.hire_date < DATE '2000-01-01'`;

const quoted = (dialect: SqlDialectName, name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

/** The filters each dialect gets: dates and timestamps never for SQLite, whose dates are text in any format. */
function expectedFilters(dialect: SqlDialectName): string[] {
  const q = (name: string) => quoted(dialect, name);
  return [
    `${q('amount')} > 1000.50`,
    `${q('status')} = 'open'`,
    `${q('status')} IN ('open', 'review')`,
    `${q('status')} LIKE 'op%'`,
    ...(dialect === 'sqlite' ? [] : [`${q('filed')} BETWEEN DATE '2024-01-01' AND DATE '2024-03-31'`, `${q('written')} >= TIMESTAMP '2024-01-01 08:30:00'`]),
    `${q('score')} < 3`,
    `${q('adjuster')} IS NOT NULL`,
  ];
}

const dialects: SqlDialectName[] = ['postgres', 'redshift', 'mysql', 'sqlite', 'duckdb', 'athena', 'trino', 'snowflake'];

describe.each(dialects)('a %s part', (dialect) => {
  it('selects only the columns the query reads, carries every filter that means the same there, and is guarded with the row cap', async () => {
    const plan = await allowedPlan(query, [lakeSource(dialect), hrSource]);
    const claims = partOf(plan, 'lake.claims');
    const q = (name: string) => quoted(dialect, name);
    expect(claims.columns).toEqual(['claim_id', 'adjuster', 'amount', 'status', 'filed', 'written', 'score', 'fraud']);
    expect(claims.columns).not.toContain('claimant_email');
    const select = `SELECT ${claims.columns.map(q).join(', ')} FROM ${q('claims')} WHERE ${expectedFilters(dialect).join(' AND ')}`;
    // Each dialect's row limit, one past the part cap of 1000.
    expect(claims.sql).toMatch(new RegExp(`^${select.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+LIMIT 1001$`));
    expect(claims.statements).toEqual([claims.sql]);
    expect(claims).toMatchObject({ source: 'lake', dialect, table: 'claims', requestLanguage: 'sql' });
    // The pushed filters are shown as DuckDB SQL, whatever the source speaks.
    expect(claims.pushedFilters).toEqual(expectedFilters(dialect).map((filter) => filter.replace(/`/g, '"')));
  });

  it('keeps a filter on the other source in its own part', async () => {
    const plan = await allowedPlan(query, [lakeSource(dialect), hrSource]);
    expect(partOf(plan, 'hr.employees')).toMatchObject({
      columns: ['emp_no', 'last_name', 'hire_date'],
      pushedFilters: [`"hire_date" < DATE '2000-01-01'`],
      sql: `SELECT "emp_no", "last_name", "hire_date" FROM "employees" WHERE "hire_date" < DATE '2000-01-01'\nLIMIT 1001`,
    });
  });
});
