import { beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard, type GuardRequest, type GuardVerdict } from '../../src/guard/sql-guard.js';

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

function check(sql: string, dialect: GuardRequest['dialect'], extra: Partial<GuardRequest> = {}): GuardVerdict {
  return guard.check({ sql, dialect, allowedTables: ['users', 'orders'], rowLimit: 100, ...extra });
}

describe('functions off the vetted list are refused, repairably, naming the function', () => {
  it.each([
    ['duckdb', 'SELECT * FROM histogram(users, email)', 'histogram'],
    ['duckdb', "SELECT * FROM repeat_row(1, num_rows := 3)", 'repeat_row'],
    ['duckdb', "SELECT * FROM test_all_types()", 'test_all_types'],
    ['duckdb', 'SELECT my_macro(id) FROM users', 'my_macro'],
    ['postgres', 'SELECT public.purge_orders() FROM orders', 'public.purge_orders'],
    ['postgres', 'SELECT purge_orders() FROM orders', 'purge_orders'],
    ['postgres', "SELECT * FROM json_populate_recordset(NULL::users, '[]')", 'json_populate_recordset'],
    ['mysql', 'SELECT shop.audit_lock(id) FROM orders', 'shop.audit_lock'],
    ['sqlite', 'SELECT my_udf(id) FROM orders', 'my_udf'],
    ['snowflake', 'SELECT my_udf(id) FROM orders', 'my_udf'],
    ['athena', 'SELECT my_udf(id) FROM orders', 'my_udf'],
  ] as const)('%s: %s', (dialect, sql, name) => {
    const verdict = check(sql, dialect);
    expect(verdict).toMatchObject({ allowed: false, rule: 'unlisted-function' });
    expect(verdict.allowed ? '' : verdict.reason).toContain(`${name}()`);
  });

  it('judges a FROM item against the table-function list, not the scalar one', () => {
    // DuckDB's histogram is a harmless aggregate in an expression and a table macro that reads any table in FROM.
    expect(check('SELECT histogram(id) FROM orders', 'duckdb')).toMatchObject({ allowed: true });
    expect(check('SELECT * FROM histogram(orders, id)', 'duckdb')).toMatchObject({ allowed: false, rule: 'unlisted-function' });
    expect(check('SELECT * FROM range(10) AS r(i)', 'duckdb')).toMatchObject({ allowed: true });
    expect(check('SELECT * FROM generate_series(1, 10) AS g(i)', 'postgres')).toMatchObject({ allowed: true });
    expect(check('SELECT upper(x) FROM unnest(ARRAY[1, 2]) AS u(x)', 'postgres')).toMatchObject({ allowed: true });
    expect(check("SELECT * FROM ROWS FROM (generate_series(1, 3), lower('A')) AS t(a, b)", 'postgres')).toMatchObject({
      allowed: false,
      rule: 'unlisted-function',
    });
  });
});

describe("Snowflake's TABLE(…) wrapper", () => {
  it('judges the wrapped table function, and refuses a wrapped name or IDENTIFIER()', () => {
    expect(check("SELECT f.value FROM orders o, TABLE(FLATTEN(input => o.items)) f", 'snowflake')).toMatchObject({ allowed: true });
    expect(check("SELECT * FROM TABLE(split_to_table('a,b', ','))", 'snowflake')).toMatchObject({ allowed: true });
    expect(check("SELECT * FROM TABLE('users')", 'snowflake')).toMatchObject({ allowed: false, rule: 'unlisted-function' });
    expect(check("SELECT * FROM TABLE(IDENTIFIER('users'))", 'snowflake')).toMatchObject({ allowed: false, rule: 'unlisted-function' });
    expect(check('SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))', 'snowflake')).toMatchObject({ allowed: false, rule: 'denied-function' });
  });
});

describe('a FROM-less scalar subquery that node-sql-parser reads as a call of SELECT', () => {
  it.each(['sqlite', 'mysql', 'snowflake', 'athena'] as const)('%s: is the keyword, its subqueries still judged; a quoted SELECT() is a function', (dialect) => {
    const quoted = dialect === 'mysql' ? '`SELECT`(2)' : '"SELECT"(2)';
    expect(check('SELECT 100 * (SELECT (SELECT SUM(id) FROM orders) - (SELECT MIN(id) FROM orders)) AS x', dialect)).toMatchObject({ allowed: true });
    expect(check('SELECT 100 * (SELECT (SELECT secret FROM vault) - 1) AS x', dialect)).toMatchObject({ allowed: false, rule: 'unknown-table' });
    expect(check(`SELECT (1 - ${quoted}) AS x`, dialect)).toMatchObject({ allowed: false, rule: 'unlisted-function' });
  });
});

describe('never allowed, whatever the lists say', () => {
  it.each([
    ['postgres', "SELECT ts_rewrite('a'::tsquery, 'SELECT email::tsquery, ''b''::tsquery FROM users')", 'denied-function'],
    ['postgres', "SELECT ts_stat('SELECT to_tsvector(email) FROM users')", 'denied-function'],
    ['postgres', "SELECT query_to_xml('SELECT * FROM users', true, true, '')", 'denied-function'],
    ['postgres', 'SELECT pg_advisory_lock(1)', 'denied-function'],
    ['duckdb', "SELECT * FROM enable_profiling('json', '/tmp/x.json')", 'denied-function'],
    ['duckdb', "SELECT * FROM enable_logging(storage := 'file', storage_path := '/tmp/log')", 'denied-function'],
    ['duckdb', 'SELECT * FROM disable_logging()', 'denied-function'],
    ['duckdb', 'SELECT * FROM truncate_duckdb_logs()', 'denied-function'],
    ['duckdb', 'SELECT * FROM enable_peg_parser()', 'denied-function'],
    ['duckdb', "SELECT * FROM sql_auto_complete('SELECT * FROM ')", 'denied-function'],
    ['duckdb', 'SELECT sleep_ms(100000)', 'denied-function'],
    ['duckdb', "SELECT * FROM query('SELECT email FROM users')", 'denied-function'],
    ['duckdb', "SELECT * FROM query_table('users')", 'denied-function'],
    ['duckdb', "SELECT * FROM read_csv('/etc/passwd')", 'denied-file-access'],
    ['duckdb', "SELECT * FROM histogram_values(users, email)", 'denied-function'],
    ['duckdb', "SELECT write_log('x')", 'denied-function'],
    ['duckdb', "SELECT getvariable('x')", 'denied-function'],
    ['duckdb', "SELECT json_serialize_plan('SELECT email FROM users')", 'denied-function'],
    ['mysql', 'SELECT GET_LOCK(\'a\', 10)', 'denied-function'],
  ] as const)('%s: %s', (dialect, sql, rule) => {
    expect(check(sql, dialect)).toMatchObject({ allowed: false, rule });
  });

  it('an overlay cannot allow a never-allowed function', () => {
    expect(check('SELECT pg_sleep(1)', 'postgres', { allowedFunctions: ['pg_sleep'] })).toMatchObject({ allowed: false, rule: 'denied-function' });
    expect(check("SELECT * FROM query('SELECT 1')", 'duckdb', { allowedFunctions: ['query'] })).toMatchObject({ allowed: false, rule: 'denied-function' });
  });
});

describe("a source's overlay may allow its own functions", () => {
  it('allows exactly the listed name, qualified as listed', () => {
    const extra = { allowedFunctions: ['analytics.Fiscal_Quarter'] };
    expect(check('SELECT analytics.fiscal_quarter(ordered_at) FROM orders', 'postgres', extra)).toMatchObject({ allowed: true });
    expect(check('SELECT fiscal_quarter(ordered_at) FROM orders', 'postgres', extra)).toMatchObject({ rule: 'unlisted-function' });
    expect(check('SELECT other.fiscal_quarter(ordered_at) FROM orders', 'postgres', extra)).toMatchObject({ rule: 'unlisted-function' });
  });

  it('a built-in qualified with its own schema is still the built-in', () => {
    expect(check('SELECT pg_catalog.lower(name) FROM users', 'postgres')).toMatchObject({ allowed: true });
    expect(check('SELECT public.lower(name) FROM users', 'postgres')).toMatchObject({ allowed: false, rule: 'unlisted-function' });
  });
});
