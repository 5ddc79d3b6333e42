import { describe, expect, it } from 'vitest';
import { allowedPlan, hrSource, lakeSource, partOf, productSource } from './federation-fixtures.js';

const sources = [lakeSource('postgres'), hrSource];

async function filtersOf(sql: string, combineTable: string, options: { pushdown?: boolean } = {}): Promise<readonly string[]> {
  return partOf(await allowedPlan(sql, sources, options), combineTable).pushedFilters;
}

describe('projection', () => {
  it('extracts the union of the columns read anywhere in the query, in catalog order', async () => {
    const plan = await allowedPlan(
      `SELECT e.first_name FROM hr.employees e JOIN lake.claims c ON c.adjuster = e.emp_no GROUP BY e.first_name HAVING max(c.amount) > 10 ORDER BY min(c.filed)`,
      sources,
    );
    expect(partOf(plan, 'hr.employees').columns).toEqual(['emp_no', 'first_name']);
    expect(partOf(plan, 'lake.claims').columns).toEqual(['adjuster', 'amount', 'filed']);
  });

  it('counts an unqualified column in a join against every table that has it', async () => {
    const plan = await allowedPlan(`SELECT emp_no, title FROM hr.employees JOIN hr.titles USING (emp_no)`, sources);
    expect(partOf(plan, 'hr.employees').columns).toEqual(['emp_no']);
    expect(partOf(plan, 'hr.titles').columns).toEqual(['emp_no', 'title']);
  });

  it('takes every column for a star over a table without personal data, and one carrier column when no column is named', async () => {
    const plan = await allowedPlan(`SELECT t.*, (SELECT count(*) FROM lake.claims) AS claims FROM hr.titles t`, sources);
    expect(partOf(plan, 'hr.titles').columns).toEqual(['emp_no', 'title', 'to_date']);
    expect(partOf(plan, 'lake.claims').columns).toEqual(['claim_id']);
  });

  it('orders parts by first reference and names each by its combine table', async () => {
    const plan = await allowedPlan(`SELECT 1 FROM lake.claims c, hr.employees e WHERE c.adjuster = e.emp_no`, sources);
    expect(plan.parts.map((part) => [part.index, part.combineTable])).toEqual([[1, 'lake.claims'], [2, 'hr.employees']]);
  });
});

describe('filters that stay in DuckDB only', () => {
  const base = `SELECT c.claim_id, e.last_name FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster WHERE `;

  it.each([
    ['an OR across tables', `c.amount > 5 OR e.hire_date > DATE '2000-01-01'`],
    ['an OR within one table', `c.amount > 5 OR c.amount < 1`],
    ['a function of the column', `lower(c.status) = 'open'`],
    ['arithmetic on the column', `c.amount + 1 > 5`],
    ['a cast of the column', `CAST(c.amount AS INTEGER) = 5`],
    ['a range on text (collations differ)', `c.status > 'm'`],
    ['text inequality (a case-insensitive <> keeps fewer rows)', `c.status <> 'open'`],
    ['BETWEEN on text', `c.status BETWEEN 'a' AND 'm'`],
    ['IS NULL (not null-rejecting)', `c.filed IS NULL`],
    ['NOT BETWEEN', `c.amount NOT BETWEEN 1 AND 5`],
    ['NOT IN', `c.amount NOT IN (1, 5)`],
    ['ILIKE', `c.status ILIKE 'op%'`],
    ['LIKE with ESCAPE', `c.status LIKE 'op!%' ESCAPE '!'`],
    ['a backslash in a string', `c.status = 'a\\b'`],
    ['a fraction compared with a floating column', `c.score = 0.1`],
    ['a boolean', `c.fraud = true`],
    ['a comparison between two columns of the table', `c.amount > c.score`],
    ['a subquery', `c.adjuster IN (SELECT 1)`],
    ['a string compared with a number column', `c.amount = '5'`],
    ['an invalid date', `c.filed = DATE '2024-02-30'`],
  ])('%s', async (_label, condition) => {
    expect(await filtersOf(`${base}${condition}`, 'lake.claims')).toEqual([]);
  });
});

describe('outer joins', () => {
  it('pushes a WHERE filter on the nullable side (it rejects the NULL-extended rows anyway)', async () => {
    expect(await filtersOf(`SELECT e.emp_no FROM hr.employees e LEFT JOIN lake.claims c ON c.adjuster = e.emp_no WHERE c.amount > 5`, 'lake.claims')).toEqual(['"amount" > 5']);
  });

  it('pushes an ON filter into the side the join filters, never into the side it preserves', async () => {
    const sql = `SELECT e.emp_no, c.claim_id FROM hr.employees e LEFT JOIN lake.claims c ON c.adjuster = e.emp_no AND c.amount > 5 AND e.hire_date > DATE '2000-01-01'`;
    expect(await filtersOf(sql, 'lake.claims')).toEqual(['"amount" > 5']);
    expect(await filtersOf(sql, 'hr.employees')).toEqual([]);
  });

  it('pushes an ON filter into the left side of a RIGHT join only', async () => {
    const sql = `SELECT e.emp_no FROM hr.employees e RIGHT JOIN lake.claims c ON c.adjuster = e.emp_no AND c.amount > 5 AND e.hire_date > DATE '2000-01-01'`;
    expect(await filtersOf(sql, 'hr.employees')).toEqual([`"hire_date" > DATE '2000-01-01'`]);
    expect(await filtersOf(sql, 'lake.claims')).toEqual([]);
  });

  it('pushes no ON filter into either side of a FULL join', async () => {
    const sql = `SELECT e.emp_no FROM hr.employees e FULL JOIN lake.claims c ON c.adjuster = e.emp_no AND c.amount > 5 AND e.hire_date > DATE '2000-01-01'`;
    expect(await filtersOf(sql, 'hr.employees')).toEqual([]);
    expect(await filtersOf(sql, 'lake.claims')).toEqual([]);
  });

  it('pushes an inner join filter nested under an outer join', async () => {
    const sql = `SELECT e.emp_no FROM hr.employees e LEFT JOIN (lake.claims c JOIN hr.titles t ON t.emp_no = c.adjuster AND c.amount > 5) ON c.adjuster = e.emp_no`;
    expect(await filtersOf(sql, 'lake.claims')).toEqual(['"amount" > 5']);
  });
});

describe('where filters come from', () => {
  it('pushes nothing into a table the query reads twice', async () => {
    const sql = `SELECT a.claim_id FROM lake.claims a JOIN lake.claims b ON a.adjuster = b.adjuster WHERE a.amount > 5 AND b.amount < 2`;
    const plan = await allowedPlan(sql, sources);
    expect(plan.parts).toHaveLength(1);
    expect(partOf(plan, 'lake.claims')).toMatchObject({ pushedFilters: [], columns: ['claim_id', 'adjuster', 'amount'] });
  });

  it('pushes nothing into a table read in a CTE and again outside it', async () => {
    const sql = `WITH big AS (SELECT claim_id FROM lake.claims WHERE amount > 5) SELECT c.claim_id FROM lake.claims c JOIN big USING (claim_id)`;
    expect(await filtersOf(sql, 'lake.claims')).toEqual([]);
  });

  it('pushes the filters of the SELECT that reads the table: in a CTE, a subquery, a correlated subquery, a set operation branch', async () => {
    expect(await filtersOf(`WITH c AS (SELECT adjuster FROM lake.claims WHERE amount >= 10) SELECT e.last_name FROM hr.employees e JOIN c ON c.adjuster = e.emp_no`, 'lake.claims')).toEqual(['"amount" >= 10']);
    expect(await filtersOf(`SELECT e.last_name FROM hr.employees e WHERE e.emp_no IN (SELECT adjuster FROM lake.claims WHERE status = 'open')`, 'lake.claims')).toEqual([`"status" = 'open'`]);
    expect(
      await filtersOf(`SELECT e.last_name FROM hr.employees e WHERE EXISTS (SELECT 1 FROM lake.claims c WHERE c.adjuster = e.emp_no AND c.filed > DATE '2024-01-01')`, 'lake.claims'),
    ).toEqual([`"filed" > DATE '2024-01-01'`]);
    expect(await filtersOf(`SELECT emp_no FROM hr.employees WHERE hire_date > DATE '1999-01-01' UNION SELECT adjuster FROM lake.claims WHERE amount < 3`, 'lake.claims')).toEqual(['"amount" < 3']);
  });

  it('pushes an unqualified column only when it belongs to exactly one table of plain FROM items', async () => {
    expect(await filtersOf(`SELECT claim_id FROM lake.claims JOIN hr.employees ON emp_no = adjuster WHERE amount > 5`, 'lake.claims')).toEqual(['"amount" > 5']);
    expect(await filtersOf(`SELECT e.emp_no FROM hr.employees e JOIN hr.titles t USING (emp_no) WHERE emp_no > 5`, 'hr.employees')).toEqual([]);
    expect(await filtersOf(`SELECT claim_id FROM lake.claims, (SELECT 1 AS one) s WHERE amount > 5`, 'lake.claims')).toEqual([]);
  });

  it('reads a literal on the left and a table named without an alias', async () => {
    expect(await filtersOf(`SELECT lake.claims.claim_id FROM lake.claims WHERE 100 <= lake.claims.amount AND claims.amount <> 7`, 'lake.claims')).toEqual(['"amount" >= 100', '"amount" <> 7']);
  });

  it('pushes nothing when pushdown is off, and still projects', async () => {
    const plan = await allowedPlan(`SELECT claim_id FROM lake.claims WHERE amount > 5`, sources, { pushdown: false });
    expect(partOf(plan, 'lake.claims')).toMatchObject({ pushedFilters: [], columns: ['claim_id', 'amount'] });
  });
});

describe('semi-join reduction (key filters)', () => {
  const keysOf = async (sql: string, combineTable: string) => partOf(await allowedPlan(sql, sources), combineTable).keyFilters;

  it('gives a part without filters the join values of a filtered part it is joined to by equality', async () => {
    const sql = `SELECT e.last_name FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster WHERE c.amount > 1000`;
    expect(await keysOf(sql, 'hr.employees')).toEqual([{ column: 'emp_no', fromPart: 1, fromColumn: 'adjuster' }]);
    expect(await keysOf(sql, 'lake.claims')).toEqual([]);
    expect(await keysOf(`SELECT e.last_name FROM lake.claims c, hr.employees e WHERE c.adjuster = e.emp_no AND c.status = 'open'`, 'hr.employees')).toEqual([
      { column: 'emp_no', fromPart: 1, fromColumn: 'adjuster' },
    ]);
  });

  it('takes none when both or neither side has filters, across a preserved outer-join side, or between different kinds of values', async () => {
    expect(await keysOf(`SELECT e.last_name FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster`, 'hr.employees')).toEqual([]);
    expect(await keysOf(`SELECT e.last_name FROM lake.claims c JOIN hr.employees e ON e.emp_no = c.adjuster WHERE c.amount > 1 AND e.hire_date > DATE '2000-01-01'`, 'hr.employees')).toEqual([]);
    expect(await keysOf(`SELECT e.last_name FROM hr.employees e LEFT JOIN lake.claims c ON c.adjuster = e.emp_no WHERE c.amount > 1`, 'hr.employees')).toEqual([]);
    expect(await keysOf(`SELECT e.last_name FROM lake.claims c JOIN hr.employees e ON e.last_name = c.adjuster WHERE c.amount > 1`, 'hr.employees')).toEqual([]);
    expect(await keysOf(`SELECT a.claim_id FROM lake.claims a JOIN lake.claims b ON a.adjuster = b.adjuster WHERE a.amount > 1`, 'lake.claims')).toEqual([]);
  });

  it('narrows a REST part to the requests whose parameter can match', async () => {
    const sql = `SELECT w.city FROM product.getWeatherForecast w JOIN hr.employees e ON e.last_name = w.city WHERE e.hire_date > DATE '2000-01-01'`;
    expect(partOf(await allowedPlan(sql, [...sources, productSource]), 'product.getWeatherForecast').keyFilters).toEqual([{ column: 'city', fromPart: 2, fromColumn: 'last_name' }]);
  });
});
