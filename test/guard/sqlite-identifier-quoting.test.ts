import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { sharedPath } from '../helpers/services.js';

/*
 * SQLite's `[bracket]` and backtick identifiers: the guard rewrites brackets to double quotes, judges
 * the rewritten text and returns it to run; sql.js (SQLite itself) must read both texts the same way.
 */

const guard = await SqlGuard.create();
const check = (sql: string) =>
  guard.check({
    sql,
    dialect: 'sqlite',
    allowedTables: ['frpm', 'Patient'],
    rowLimit: 10,
    protectedColumns: { Patient: ['SSN'] },
  });

interface SqlJsDatabase {
  exec(sql: string): { values: unknown[][] }[];
}
const initSqlJs = createRequire(import.meta.url)('sql.js') as () => Promise<{ Database: new () => SqlJsDatabase }>;
const engine = new (await initSqlJs()).Database();
engine.exec(`CREATE TABLE frpm ("School Name" TEXT, "Percent (%) Eligible FRPM (Ages 5-17)" REAL, "a""b" TEXT, "a'b" TEXT);
  INSERT INTO frpm VALUES ('North', 0.5, 'quoted', 'apostrophe'), ('South', 0.25, 'q2', 'a2');
  CREATE TABLE Patient (ID INTEGER, "First Date" TEXT, SSN TEXT);
  INSERT INTO Patient VALUES (1, '1990-01-01', '123');`);
const rows = (sql: string): unknown[][] => engine.exec(sql)[0]?.values ?? [];

const accepted = [
  'SELECT frpm.[Percent (%) Eligible FRPM (Ages 5-17)] FROM frpm ORDER BY 1',
  'SELECT p.ID, p.[First Date] FROM [Patient] AS p',
  'SELECT [a"b], [a\'b] FROM frpm ORDER BY 1',
  "SELECT [School Name], '[not an identifier]' /* [x] */ FROM frpm -- [y]\nORDER BY 1",
  'SELECT `School Name`, `a"b` FROM `frpm` ORDER BY 1',
  'SELECT [School Name] AS [name] FROM frpm WHERE [School Name] = \'North\' UNION SELECT [a\'b] FROM frpm ORDER BY 1',
];

describe('SQLite bracket and backtick identifiers', () => {
  for (const sql of accepted) {
    it(`accepts and runs as SQLite reads it: ${sql.slice(0, 60)}`, () => {
      const verdict = check(sql);
      expect(verdict).toMatchObject({ allowed: true });
      if (!verdict.allowed) return;
      expect(rows(verdict.sql)).toEqual(rows(sql));
      expect(rows(sql).length).toBeGreaterThan(0);
    });
  }

  it('protects a personal-data column written in brackets or backticks', () => {
    expect(check('SELECT [SSN] FROM Patient')).toMatchObject({ allowed: false, rule: 'pii-column' });
    expect(check('SELECT p.`SSN` FROM Patient p')).toMatchObject({ allowed: false, rule: 'pii-column' });
  });

  it('judges a table named in brackets against the allowed tables', () => {
    expect(check('SELECT 1 FROM [sqlite_master]')).toMatchObject({ allowed: false });
    expect(check('SELECT 1 FROM [other table]')).toMatchObject({ allowed: false, rule: 'unknown-table' });
  });

  it('refuses an unclosed bracket, as SQLite does', () => {
    expect(check('SELECT [School Name FROM frpm')).toMatchObject({ allowed: false, rule: 'parse-error' });
    expect(() => rows('SELECT [School Name FROM frpm')).toThrow();
  });
});

const taReplies = sharedPath('bench', 'replies', 'bird-mini-dev', 'TA_output');

describe.skipIf(taReplies === undefined)('SQLite replies of real models with bracket identifiers', () => {
  it('accepts the recorded statements that quote names with brackets', () => {
    const data = JSON.parse(readFileSync(`${taReplies}/predict_mini_dev_meta-llama-3-70b-instruct2_cot_SQLite.json`, 'utf8')) as Record<string, string>;
    const statements = Object.values(data)
      .map((value) => (value.split('\t----- bird -----\t')[0] ?? '').trim())
      .filter((reply) => /^SELECT\b/iu.test(reply) && /\[[A-Za-z][^\]]*\]/u.test(reply));
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) {
      const verdict = guard.check({ sql, dialect: 'sqlite', allowedTables: ['frpm', 'schools', 'satscores'], rowLimit: 10 });
      expect(verdict, sql).toMatchObject({ allowed: true });
    }
  });
});
