import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogTable } from '../../src/catalog/catalog-types.js';
import { SqlGuard, type GuardRequest, type GuardVerdict } from '../../src/guard/sql-guard.js';
import { readTableColumns } from '../../src/pipeline/languages/sql/table-column-reader.js';
import { harmlessRenames, leakingRenames, renamingProtectedColumns, renamingTableColumns } from './renamed-column-cases.js';

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

function check(sql: string, dialect: GuardRequest['dialect'], extra: Partial<GuardRequest> = {}): GuardVerdict {
  return guard.check({
    sql,
    dialect,
    allowedTables: ['users', 'orders'],
    protectedColumns: renamingProtectedColumns,
    tableColumns: renamingTableColumns,
    rowLimit: 100,
    ...extra,
  });
}

function describeVerdict(verdict: GuardVerdict): string {
  return verdict.allowed ? 'allowed' : `${verdict.rule}: ${verdict.reason}`;
}

describe('renamed columns: reasons the repair prompt can act on', () => {
  it('names the base column an alias column list renamed', () => {
    expect(check('SELECT c.e FROM users AS c(i, n, t, e)', 'postgres')).toEqual({
      allowed: false,
      rule: 'pii-column',
      reason: 'Column users.email (renamed "e" by an alias column list) holds personal data and may not be read; name only the columns you need.',
    });
  });

  it('asks for the columns by name when a renamed join column may be any column of its tables (USING merges them)', () => {
    const verdict = check('SELECT j.c1 FROM (users u JOIN orders o USING (id)) AS j(c1, c2)', 'duckdb');
    expect(verdict).toMatchObject({ allowed: false, rule: 'pii-column' });
    expect(describeVerdict(verdict)).toContain('renames columns of users by position');
    expect(describeVerdict(verdict)).toContain('name the columns you need directly instead of renaming them in the FROM clause');
  });
});

describe('renamed columns when the catalog gives no column order', () => {
  it('refuses a renamed column of a table with PII, even one that would be harmless', () => {
    for (const sql of ['SELECT a FROM users AS u(a)', 'SELECT u.b FROM users u(a, b)']) {
      const verdict = guard.check({ sql, dialect: 'postgres', allowedTables: ['users'], protectedColumns: renamingProtectedColumns, rowLimit: 10 });
      expect(verdict, sql).toMatchObject({ allowed: false, rule: 'pii-column' });
      expect(describeVerdict(verdict)).toContain('the guard cannot tell whether that reaches users.email, users.phone');
    }
  });

  it('allows renames over tables without PII, and lists whose renamed columns are never read', () => {
    const request = { dialect: 'duckdb' as const, allowedTables: ['users', 'orders'], protectedColumns: renamingProtectedColumns, rowLimit: 10 };
    expect(guard.check({ ...request, sql: 'SELECT d FROM orders AS o(a, b, c, d)' })).toMatchObject({ allowed: true });
    expect(guard.check({ ...request, sql: 'SELECT count(*) AS n FROM users AS u(a)' })).toMatchObject({ allowed: true });
  });

  it('refuses a position beyond the catalog columns (a stale catalog) rather than guessing', () => {
    const verdict = check('SELECT c FROM users AS u(a, b, c)', 'postgres', { tableColumns: { users: ['id', 'name'] } });
    expect(verdict).toMatchObject({ allowed: false, rule: 'pii-column' });
  });

  it('reads the column order from the catalog, leaving out names two tables share and lists that repeat a column', () => {
    const table = (name: string, columns: string[]): CatalogTable => ({
      name,
      columns: columns.map((column) => ({ name: column, type: 'text', nullable: true })),
      sampleRows: [],
      foreignKeys: [],
    });
    const tables = [table('users', ['id', 'name', 'email']), table('orders', ['id']), table('orders', ['code', 'id']), table('merged', ['id', 'ID'])];
    expect(readTableColumns(tables)).toEqual({ users: ['id', 'name', 'email'] });
    const verdict = check('SELECT x FROM users AS u(a, b, x)', 'duckdb', { tableColumns: readTableColumns(tables) });
    expect(verdict).toMatchObject({ allowed: false, rule: 'pii-column' });
    expect(check('SELECT a, b FROM users AS u(a, b)', 'duckdb', { tableColumns: readTableColumns(tables) })).toMatchObject({ allowed: true });
  });
});

describe('renamed columns in the node-sql-parser dialects', () => {
  // Athena's grammar reads `AS u(a, b)` exactly; the others flatten it to text that may hide quoted commas.
  const athenaLeaks = leakingRenames.filter((entry) => entry.engines === undefined);

  it.each(athenaLeaks)('athena: refuses $name', ({ sql }) => {
    const verdict = check(sql, 'athena');
    expect(verdict, describeVerdict(verdict)).toMatchObject({ allowed: false, rule: 'pii-column' });
  });

  it.each([
    'SELECT a, b FROM users AS u(a, b)',
    'SELECT d FROM orders AS o(a, b, c, d)',
    'SELECT u.a, o.x FROM users AS u(a) JOIN orders AS o(i, uid, n, x) ON o.uid = u.a',
  ])('athena: allows %s', (sql) => {
    const verdict = check(sql, 'athena');
    expect(verdict, describeVerdict(verdict)).toMatchObject({ allowed: true });
  });

  it('athena: reads quoted new names, and reads no function in an alias', () => {
    expect(check('SELECT "x" FROM users AS u("a", b, c, "x")', 'athena')).toMatchObject({ allowed: false, rule: 'pii-column' });
    expect(check('SELECT t.k FROM (SELECT id FROM users) AS t(k)', 'athena')).toMatchObject({ allowed: true, functions: [] });
  });

  it('athena: refuses an alias column list that is not a list of names, which the engine would not run', () => {
    for (const sql of ['SELECT 1 AS n FROM users AS u((SELECT email FROM users))', 'SELECT 1 AS n FROM (SELECT 1) AS t(lower(x))']) {
      expect(check(sql, 'athena'), sql).toMatchObject({ allowed: false, rule: 'parse-error' });
    }
  });

  it.each(['snowflake', 'sqlite'] as const)('%s: refuses any alias column list over a table with PII, since its names cannot be trusted', (dialect) => {
    const renaming = [
      'SELECT x FROM users AS u(a, b, c, x)',
      'SELECT a FROM users AS u(a, b)',
      'SELECT u.a FROM users u("a, b", x)',
      'SELECT j.c1 FROM (users u JOIN orders o ON o.user_id = u.id) AS j(c1, c2)',
    ];
    for (const sql of renaming) {
      const verdict = check(sql, dialect);
      expect(verdict, `${sql}: ${describeVerdict(verdict)}`).toMatchObject({ allowed: false, rule: 'pii-column' });
    }
    expect(check('SELECT a FROM orders AS o(a, b)', dialect)).toMatchObject({ allowed: true });
    expect(check('SELECT t.k FROM (SELECT id FROM users) AS t(k)', dialect)).toMatchObject({ allowed: true });
  });

  it('mysql: refuses the alias column list its grammar does not accept', () => {
    expect(check('SELECT x FROM users AS u(a, b, c, x)', 'mysql')).toMatchObject({ allowed: false, rule: 'parse-error' });
  });
});

describe('renamed columns in redshift, read with the PostgreSQL grammar', () => {
  it.each(leakingRenames.filter((entry) => entry.engines?.includes('postgres') !== false))('refuses $name', ({ sql }) => {
    const verdict = check(sql, 'redshift');
    expect(verdict, describeVerdict(verdict)).toMatchObject({ allowed: false, rule: 'pii-column' });
  });

  // Redshift has no UNNEST (its SUPER arrays are unnested in FROM by PartiQL paths).
  it.each(harmlessRenames.filter((entry) => !/unnest/iu.test(entry.sql)))('allows $name', ({ sql }) => {
    const verdict = check(sql, 'redshift');
    expect(verdict, describeVerdict(verdict)).toMatchObject({ allowed: true });
  });
});
