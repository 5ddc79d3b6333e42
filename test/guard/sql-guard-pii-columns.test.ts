import { beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard, type GuardRequest, type GuardVerdict } from '../../src/guard/sql-guard.js';

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

/** How one dialect family spells the forms the PII cases need. */
interface DialectForms {
  /** Dialect under test. */
  dialect: GuardRequest['dialect'];
  /** An integer type for CAST. */
  integerType: string;
  /** `email` quoted with different case, in the dialect's identifier quotes. */
  quotedEmail: string;
  /** `users` qualified with the source's default schema. */
  qualifiedUsers: string;
  /** The default schema to pass, when the dialect has none of its own. */
  defaultSchema?: string;
}

const families: DialectForms[] = [
  { dialect: 'postgres', integerType: 'INTEGER', quotedEmail: '"Email"', qualifiedUsers: 'public.users' },
  { dialect: 'duckdb', integerType: 'INTEGER', quotedEmail: '"Email"', qualifiedUsers: 'main.users' },
  { dialect: 'mysql', integerType: 'SIGNED', quotedEmail: '`Email`', qualifiedUsers: 'shop.users', defaultSchema: 'shop' },
  { dialect: 'snowflake', integerType: 'INTEGER', quotedEmail: '"EMAIL"', qualifiedUsers: 'PUBLIC.USERS' },
  { dialect: 'athena', integerType: 'INTEGER', quotedEmail: '"Email"', qualifiedUsers: '"default".users' },
  { dialect: 'sqlite', integerType: 'INTEGER', quotedEmail: '"Email"', qualifiedUsers: 'main.users' },
];

const protectedColumns = { users: ['email', 'phone'] };

function check(sql: string, forms: Pick<DialectForms, 'dialect' | 'defaultSchema'>, extra: Partial<GuardRequest> = {}): GuardVerdict {
  return guard.check({
    sql,
    dialect: forms.dialect,
    allowedTables: ['users', 'orders'],
    protectedColumns,
    rowLimit: 100,
    ...(forms.defaultSchema === undefined ? {} : { defaultSchema: forms.defaultSchema }),
    ...extra,
  });
}

function describeVerdict(verdict: GuardVerdict): string {
  return verdict.allowed ? 'allowed' : `${verdict.rule}: ${verdict.reason}`;
}

/** Statements that read users.email or users.phone, one place in the statement each. */
function readingStatements(forms: DialectForms): Record<string, string> {
  return {
    'qualified with the table name': 'SELECT users.email FROM users',
    unqualified: 'SELECT email FROM users',
    'qualified with an alias': 'SELECT u.email FROM users u',
    'only in WHERE': "SELECT u.id FROM users AS u WHERE u.email LIKE '%@example.com'",
    'only in JOIN ON': 'SELECT o.id FROM orders o JOIN users u ON u.email = o.note',
    'only in JOIN USING': 'SELECT orders.id FROM users JOIN orders USING (email)',
    'only in GROUP BY': 'SELECT city, COUNT(*) AS n FROM users GROUP BY city, phone',
    'only in ORDER BY': 'SELECT id FROM users ORDER BY phone',
    'as a function argument': 'SELECT LOWER(email) AS address FROM users',
    'in a subquery': 'SELECT id FROM orders WHERE user_id IN (SELECT id FROM users WHERE email IS NOT NULL)',
    'in a scalar subquery': 'SELECT id, (SELECT MAX(u.phone) FROM users u) AS p FROM orders',
    'in a CTE': 'WITH contacts AS (SELECT id, email FROM users) SELECT id FROM contacts',
    'in a set operation branch': 'SELECT note FROM orders UNION SELECT email FROM users',
    'in a CAST that would echo the value in an engine error': `SELECT CAST(email AS ${forms.integerType}) AS n FROM users`,
    'in upper case': 'SELECT EMAIL FROM users',
    'quoted, in another case': `SELECT ${forms.quotedEmail} FROM users`,
    'from the schema-qualified table': `SELECT u.phone FROM ${forms.qualifiedUsers} u`,
    'through SELECT *': 'SELECT * FROM users',
    'through alias.*': 'SELECT u.* FROM users u',
    'through table.*': 'SELECT users.* FROM users',
    'through SELECT * over a join': 'SELECT * FROM orders o JOIN users u ON u.id = o.user_id',
    'through SELECT * in a CTE': 'WITH everyone AS (SELECT * FROM users) SELECT id FROM everyone',
    'through SELECT * in a subquery': 'SELECT t.id FROM (SELECT * FROM users) t',
    'through SELECT * over the schema-qualified table': `SELECT * FROM ${forms.qualifiedUsers}`,
  };
}

/** Statements over the same tables that read no protected column. */
function harmlessStatements(forms: DialectForms): Record<string, string> {
  return {
    'COUNT(*)': 'SELECT COUNT(*) AS n FROM users',
    'non-PII columns of the same table': "SELECT id, name, city FROM users WHERE city = 'Paris' ORDER BY name",
    'aliased non-PII columns in a join': 'SELECT u.id, u.name FROM users u JOIN orders o ON o.user_id = u.id',
    'a star over the table without PII beside named columns': 'SELECT o.*, u.name FROM orders o JOIN users u ON u.id = o.user_id',
    'a star over a table without PII': 'SELECT * FROM orders',
    'a star over a subquery of non-PII columns': 'SELECT * FROM (SELECT id, name FROM users) t',
    'a star over a CTE of non-PII columns': 'WITH named AS (SELECT id, name FROM users) SELECT * FROM named',
    'the schema-qualified table': `SELECT id, name FROM ${forms.qualifiedUsers}`,
    'a same-named column of a table without PII': 'SELECT email FROM orders',
    'a same-named column qualified with the other table alias': 'SELECT o.email FROM orders o JOIN users u ON u.id = o.user_id',
  };
}

describe.each(families)('PII columns in $dialect', (forms) => {
  it.each(Object.entries(readingStatements(forms)))('rejects a protected column read %s', (_, sql) => {
    const verdict = check(sql, forms);
    expect(verdict, describeVerdict(verdict)).toMatchObject({ allowed: false, rule: 'pii-column' });
  });

  it.each(Object.entries(harmlessStatements(forms)))('allows %s, on the table whose star is refused', (_, sql) => {
    expect(check('SELECT * FROM users', forms)).toMatchObject({ allowed: false, rule: 'pii-column' });
    const verdict = check(sql, forms);
    expect(verdict, describeVerdict(verdict)).toMatchObject({ allowed: true });
  });
});

describe('PII columns: forms that read every column without naming one', () => {
  const cases: [GuardRequest['dialect'], string][] = [
    ['postgres', 'SELECT u FROM users u'],
    ['postgres', 'SELECT to_jsonb(u) AS j FROM users u'],
    ['postgres', 'SELECT (u).email FROM users u'],
    ['postgres', 'SELECT row_to_json(u.*) AS j FROM users u'],
    ['postgres', 'TABLE users'],
    ['postgres', 'SELECT id FROM users NATURAL JOIN orders'],
    ['duckdb', 'SELECT #7 FROM users'],
    ['duckdb', "SELECT COLUMNS('e.*') FROM users"],
    ['duckdb', 'SELECT COLUMNS(*) FROM users'],
    ['duckdb', 'SELECT users FROM users'],
    ['snowflake', 'SELECT OBJECT_CONSTRUCT(*) AS j FROM users'],
    ['snowflake', 'SELECT * EXCLUDE (email, phone) FROM users'],
    ['snowflake', 'SELECT email:domain AS d FROM users'],
  ];

  it.each(cases)('%s: rejects %s', (dialect, sql) => {
    const verdict = check(sql, { dialect });
    expect(verdict, describeVerdict(verdict)).toMatchObject({ allowed: false, rule: 'pii-column' });
  });
});

describe('PII columns: requests and reasons', () => {
  it('gives a reason the repair prompt can act on', () => {
    expect(check('SELECT u.email FROM users u', { dialect: 'postgres' })).toEqual({
      allowed: false,
      rule: 'pii-column',
      reason: 'Column users.email holds personal data and may not be read; name only the columns you need.',
    });
    const star = check('SELECT * FROM users', { dialect: 'mysql' });
    expect(star).toMatchObject({ allowed: false, rule: 'pii-column' });
    expect(!star.allowed && star.reason).toBe(
      '"*" reads every column of users, and users.email, users.phone hold personal data that may not be read; name only the columns you need.',
    );
  });

  it('protects nothing when the request names no protected columns', () => {
    expect(check('SELECT * FROM users', { dialect: 'postgres' })).toMatchObject({ allowed: false, rule: 'pii-column' });
    expect(check('SELECT * FROM users', { dialect: 'postgres' }, { protectedColumns: {} })).toMatchObject({ allowed: true });
    const { protectedColumns: _omitted, ...request } = { sql: 'SELECT email FROM users', dialect: 'postgres' as const, allowedTables: ['users'], rowLimit: 10, protectedColumns };
    expect(guard.check(request)).toMatchObject({ allowed: true });
  });

  it('matches protected tables named with the default schema, and columns whatever their catalog case', () => {
    const request = { allowedTables: ['public.users'], protectedColumns: { 'public.users': ['EMAIL'] } };
    for (const sql of ['SELECT email FROM users', 'SELECT "email" FROM public.users', 'SELECT * FROM PUBLIC.USERS']) {
      expect(check(sql, { dialect: 'postgres' }, request), sql).toMatchObject({ allowed: false, rule: 'pii-column' });
    }
    expect(check('SELECT id FROM users', { dialect: 'postgres' }, request)).toMatchObject({ allowed: true });
  });

  it('reports an unknown table before a protected column', () => {
    expect(check('SELECT u.email FROM users u JOIN secrets s ON s.id = u.id', { dialect: 'postgres' })).toMatchObject({ allowed: false, rule: 'unknown-table' });
    expect(check('SELECT u.email FROM users u JOIN orders s ON s.id = u.id', { dialect: 'postgres' })).toMatchObject({ allowed: false, rule: 'pii-column' });
  });
});
