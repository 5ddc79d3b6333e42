import { beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard, type GuardRequest, type GuardVerdict } from '../../src/guard/sql-guard.js';

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

const tables = ['orders', 'customers'];

function check(sql: string, dialect: GuardRequest['dialect'] = 'postgres', extra: Partial<GuardRequest> = {}): GuardVerdict {
  return guard.check({ sql, dialect, allowedTables: tables, rowLimit: 100, ...extra });
}

function allowedSql(verdict: GuardVerdict): string {
  if (!verdict.allowed) throw new Error(`rejected: ${verdict.rule}: ${verdict.reason}`);
  return verdict.sql;
}

describe('row limit', () => {
  it('appends a LIMIT on its own line so a trailing comment cannot swallow it', () => {
    const verdict = check('SELECT id FROM orders -- newest');
    expect(verdict).toMatchObject({ allowed: true, limitApplied: true, sql: 'SELECT id FROM orders -- newest\nLIMIT 100' });
  });

  it('keeps a smaller LIMIT and strips the trailing semicolon', () => {
    expect(check('SELECT id FROM orders ORDER BY id LIMIT 5;')).toMatchObject({
      allowed: true,
      limitApplied: false,
      sql: 'SELECT id FROM orders ORDER BY id LIMIT 5',
    });
  });

  it('tightens a larger literal in place, keeping ORDER BY', () => {
    expect(allowedSql(check('SELECT id FROM orders ORDER BY total DESC LIMIT 5000'))).toBe(
      'SELECT id FROM orders ORDER BY total DESC LIMIT 100',
    );
  });

  it('tightens in place after multi-byte text (byte offsets)', () => {
    expect(allowedSql(check("SELECT 'é€' AS x, id FROM orders LIMIT 5000"))).toBe("SELECT 'é€' AS x, id FROM orders LIMIT 100");
  });

  it('writes the cap in place of LIMIT ALL, in every dialect read with the PostgreSQL grammar', () => {
    for (const dialect of ['postgres', 'redshift', 'duckdb'] as const) {
      expect(allowedSql(check('SELECT id FROM orders ORDER BY id LIMIT ALL', dialect))).toBe('SELECT id FROM orders ORDER BY id LIMIT 100');
    }
  });

  it('wraps WITH TIES, where ties may exceed any count written in place', () => {
    expect(allowedSql(check('SELECT id FROM orders ORDER BY total FETCH FIRST 500 ROWS WITH TIES'))).toContain('AS capped');
  });

  it('refuses WITH TIES for DuckDB, whose grammar lacks it, as a repairable parse error', () => {
    expect(check('SELECT id FROM orders ORDER BY total FETCH FIRST 5 ROWS WITH TIES', 'duckdb')).toMatchObject({ allowed: false, rule: 'parse-error' });
  });

  it('treats a negative count as no limit at all, as SQLite does', () => {
    expect(allowedSql(check('SELECT id FROM orders LIMIT -1'))).toContain(') AS capped\nLIMIT 100');
  });

  it('limits a whole set operation, not its last branch', () => {
    expect(allowedSql(check('SELECT id FROM orders UNION SELECT id FROM customers'))).toBe(
      'SELECT id FROM orders UNION SELECT id FROM customers\nLIMIT 100',
    );
    const mysql = allowedSql(check('SELECT id FROM orders UNION (SELECT id FROM customers LIMIT 5000)', 'mysql'));
    expect(mysql).toMatch(/LIMIT 100$/u);
  });

  it('handles MySQL and SQLite LIMIT forms', () => {
    expect(check('SELECT id FROM orders LIMIT 10, 5', 'mysql')).toMatchObject({ allowed: true, limitApplied: false });
    expect(allowedSql(check('SELECT id FROM orders LIMIT 10, 5000', 'mysql'))).toContain('AS capped');
    expect(allowedSql(check('SELECT id FROM orders LIMIT -1', 'sqlite'))).toContain('AS capped');
    expect(allowedSql(check('SELECT TOP 5000 id FROM orders', 'snowflake'))).toContain('AS capped');
  });

  it('allows a cost attack (cross join) only with the forced LIMIT (class 7 is bounded, not blocked)', () => {
    const verdict = check('SELECT * FROM orders a CROSS JOIN orders b CROSS JOIN customers c');
    expect(verdict).toMatchObject({ allowed: true, limitApplied: true });
    expect(allowedSql(verdict)).toMatch(/\nLIMIT 100$/u);
  });
});

describe('reported tables and functions', () => {
  it('lists relations without CTE names and the functions the parser resolved', () => {
    const verdict = check(
      'WITH recent AS (SELECT * FROM orders WHERE created_at > now()) SELECT c.name, COUNT(*) FROM recent r JOIN customers c ON c.id = r.customer_id GROUP BY c.name',
    );
    expect(verdict).toMatchObject({ allowed: true, tables: ['orders', 'customers'] });
    if (verdict.allowed) expect(verdict.functions).toEqual(expect.arrayContaining(['now', 'count']));
  });

  it.each(['mysql', 'sqlite', 'snowflake', 'athena', 'trino'] as const)('reports tables inside parenthesised FROM lists (%s)', (dialect) => {
    expect(check('SELECT * FROM orders o JOIN (customers c) ON c.id = o.customer_id', dialect)).toMatchObject({
      allowed: true,
      tables: ['orders', 'customers'],
    });
    expect(check('SELECT * FROM (orders, customers)', dialect)).toMatchObject({ allowed: true, tables: ['orders', 'customers'] });
  });

  it('treats the CTE name inside its own non-recursive body as the real table', () => {
    expect(check('WITH orders AS (SELECT * FROM secrets) SELECT * FROM orders')).toMatchObject({ allowed: false, rule: 'unknown-table' });
  });
});

describe('table qualifiers', () => {
  it('accepts the default schema and rejects others', () => {
    expect(check('SELECT * FROM public.orders')).toMatchObject({ allowed: true });
    expect(check('SELECT * FROM PUBLIC.ORDERS')).toMatchObject({ allowed: true });
    expect(check('SELECT * FROM sales.orders')).toMatchObject({ allowed: false, rule: 'unknown-table' });
    expect(check('SELECT * FROM sales.orders', 'postgres', { defaultSchema: 'sales' })).toMatchObject({ allowed: true });
  });

  it('matches an allowed schema-qualified table exactly and never by bare name', () => {
    const request = { allowedTables: ['sales.orders'] };
    expect(check('SELECT * FROM sales.orders', 'postgres', request)).toMatchObject({ allowed: true });
    expect(check('SELECT * FROM orders', 'postgres', request)).toMatchObject({ allowed: false, rule: 'unknown-table' });
  });

  it('denies system catalogs even when listed', () => {
    expect(check('SELECT * FROM pg_user', 'postgres', { allowedTables: ['pg_user'] })).toMatchObject({ allowed: false, rule: 'system-catalog' });
  });
});

describe('fail closed', () => {
  it('rejects empty SQL, unparseable SQL and DuckDB-only syntax with the parser message', () => {
    expect(check('   ')).toMatchObject({ allowed: false, rule: 'parse-error' });
    const verdict = check('SELEC id FROM orders');
    expect(verdict).toMatchObject({ allowed: false, rule: 'parse-error' });
    if (!verdict.allowed) expect(verdict.reason).toContain('syntax error');
    expect(check('SELECT * EXCLUDE (id) FROM orders', 'duckdb')).toMatchObject({ allowed: false, rule: 'parse-error' });
  });

  it('does not treat a semicolon inside a dollar-quoted string as a second statement', () => {
    expect(check('SELECT $$;$$ AS x FROM orders')).toMatchObject({ allowed: true });
    expect(check('SELECT $$;$$; DROP TABLE orders')).toMatchObject({ allowed: false, rule: 'multiple-statements' });
  });

  it('refuses a non-positive row limit as a programming error', () => {
    expect(() => check('SELECT 1', 'postgres', { rowLimit: 0 })).toThrow(/rowLimit/u);
  });
});

describe('SQL-standard function syntax', () => {
  // PostgreSQL's parser turns SUBSTRING(x FROM …) into pg_catalog.substring; the user named no schema.
  it.each(['postgres', 'duckdb', 'sqlite', 'snowflake', 'athena', 'trino'] as const)('%s: SUBSTRING … FROM … FOR and TRIM(BOTH … FROM …) pass', (dialect) => {
    expect(check("SELECT SUBSTRING(name FROM 1 FOR 2), TRIM(BOTH ' ' FROM name) FROM customers", dialect)).toMatchObject({ allowed: true });
  });

  it.each(['postgres', 'duckdb', 'sqlite'] as const)('%s: SYSTEM_USER stays denied', (dialect) => {
    expect(check('SELECT system_user', dialect)).toMatchObject({ allowed: false });
  });
});

describe('column reads of an allowed statement', () => {
  it('lists the base-table columns each reference may read: named, unqualified (every table), star and renamed', () => {
    const verdict = check('SELECT o.total, name, c.* FROM orders o JOIN customers AS c(cid, cname) ON c.cid = o.customer_id', 'postgres', {
      tableColumns: { customers: ['id', 'name'] },
    });
    if (!verdict.allowed) throw new Error(verdict.reason);
    const reads = verdict.columnReads.map(({ relation, read }) => `${relation.join('.')}:${read.kind === 'columns' ? read.columns.join(',') : read.kind}`);
    expect(reads).toEqual(
      expect.arrayContaining(['orders:total', 'orders:name', 'customers:name', 'customers:every-column', 'customers:id', 'orders:customer_id']),
    );
  });
});
