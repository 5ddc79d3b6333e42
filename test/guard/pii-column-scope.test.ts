import { beforeAll, describe, expect, it } from 'vitest';
import { SourceScope } from '../../src/access/source-scope.js';
import type { CatalogColumn, CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import { SqlGuard, type GuardRequest } from '../../src/guard/sql-guard.js';
import { readProtectedColumns } from '../../src/pipeline/languages/sql/protected-column-reader.js';

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

function column(name: string, pii?: boolean): CatalogColumn {
  return { name, type: 'text', nullable: true, ...(pii === undefined ? {} : { pii }) };
}

function table(name: string, columns: CatalogColumn[]): CatalogTable {
  return { name, columns, sampleRows: [], foreignKeys: [] };
}

function source(name: string, tables: CatalogTable[]): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description: name, tables, examples: [], status: { healthy: true } };
}

const sales = source('sales', [
  table('users', [column('userid'), column('username'), column('email', true), column('phone', true), column('city', false)]),
  table('sales', [column('salesid'), column('buyerid')]),
]);
const hr = source('hr', [table('employees', [column('emp_no'), column('salary')])]);

function request(sql: string): GuardRequest {
  return {
    sql,
    dialect: 'duckdb',
    allowedTables: sales.tables.map((entry) => entry.name),
    protectedColumns: readProtectedColumns(sales.tables),
    rowLimit: 10,
  };
}

describe('protected columns from the catalog', () => {
  it('lists only the columns marked PII, per table', () => {
    expect(readProtectedColumns(sales.tables)).toEqual({ users: ['email', 'phone'] });
    expect(readProtectedColumns(hr.tables)).toEqual({});
    expect(guard.check(request('SELECT city FROM users'))).toMatchObject({ allowed: true });
    expect(guard.check(request('SELECT phone FROM users'))).toMatchObject({ allowed: false, rule: 'pii-column' });
  });
});

describe('protected columns under an API key scope', () => {
  it('still answers 403 for a forbidden source when the statement also reads a PII column', () => {
    const scope = new SourceScope(new Set(['sales']), 'analyst');
    const check = (sql: string) => {
      const checked = request(sql);
      const verdict = guard.check(checked);
      scope.assertNoForbiddenTable(guard, checked, verdict, [sales, hr]);
      return verdict;
    };
    expect(check('SELECT u.email FROM users u JOIN sales s ON s.buyerid = u.userid')).toMatchObject({ allowed: false, rule: 'pii-column' });
    expect(() => check('SELECT u.email, e.salary FROM users u JOIN hr.employees e ON e.emp_no = u.userid')).toThrow(
      expect.objectContaining({ code: 'SWY_ERR_FORBIDDEN' }),
    );
  });
});
