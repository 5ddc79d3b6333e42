import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { probeService } from '../helpers/services.js';

const guard = await SqlGuard.create();
const check = (sql: string) => guard.check({ sql, dialect: 'mysql', allowedTables: ['schools', 'results'], rowLimit: 10, backslashEscapes: true });

// Column names MySQL and MariaDB accept but node-sql-parser's MySQL grammar reserves (from real replies).
const keywordColumns = [
  "SELECT COUNT(*) FROM schools WHERE County = 'San Diego' AND Virtual = 'F'",
  'SELECT time FROM results WHERE rank = 1',
];
// MySQL reads `a = b IS NULL` as `(a = b) IS NULL`; neither grammar chains IS after a comparison (real reply).
const chainedComparisons = [
  "SELECT County FROM schools GROUP BY County HAVING County = 'Blue' - County IS NULL",
  "SELECT County FROM schools WHERE County = 'a IS NULL' IS NOT NULL",
];
// The same shape with a backtick identifier, where the parse-only substitution is not made.
const chainedWithBackticks = "SELECT `County` FROM schools WHERE County = 'x' IS NULL";

describe('MySQL statements the MySQL grammar misses', () => {
  for (const sql of keywordColumns) {
    it(`accepts ${sql}`, () => expect(check(sql)).toMatchObject({ allowed: true }));
  }

  // Only the MariaDB grammar reads these (`rank` is reserved in the MySQL one): each is still judged in full.
  const refusedThroughFallback: [string, string][] = [
    ['SELECT 1 FROM schools WHERE rank = 1 FOR UPDATE', 'locking-clause'],
    ['SELECT 1 FROM schools WHERE rank = 1 LOCK IN SHARE MODE', 'locking-clause'],
    ['SELECT 1 FROM schools WHERE rank = 1 INTO @x', 'select-into'],
    ["SELECT 1 FROM schools WHERE rank = 1 INTO OUTFILE '/tmp/out'", 'denied-file-access'],
    ["SELECT LOAD_FILE('/etc/passwd') FROM schools WHERE rank = 1", 'denied-file-access'],
    ['SELECT rank FROM hidden', 'unknown-table'],
    ['SELECT virtual FROM schools WHERE virtual = 1 UNION SELECT secret FROM hidden', 'unknown-table'],
    ['SELECT 1 FROM schools WHERE rank = 1; SELECT 2', 'multiple-statements'],
    ['SELECT @@version FROM schools WHERE rank = 1', 'system-variable'],
  ];
  for (const [sql, rule] of refusedThroughFallback) {
    it(`refuses ${sql} (${rule})`, () => expect(check(sql)).toMatchObject({ allowed: false, rule }));
  }

  for (const sql of chainedComparisons) {
    it(`accepts a comparison followed by IS NULL and returns it unchanged: ${sql}`, () => {
      const verdict = check(sql);
      expect(verdict).toMatchObject({ allowed: true });
      if (verdict.allowed) expect(verdict.sql).toBe(`${sql}\nLIMIT 10`);
    });
  }

  it('still judges every table and column behind a chained IS NULL', () => {
    expect(check("SELECT County FROM schools WHERE County = 'x' IS NOT NULL UNION SELECT secret FROM hidden")).toMatchObject({ rule: 'unknown-table' });
    expect(check("SELECT County FROM schools WHERE County = (SELECT secret FROM hidden) IS NULL")).toMatchObject({ rule: 'unknown-table' });
  });

  it('still refuses the chained IS NULL next to a backtick identifier', () => {
    expect(check(chainedWithBackticks)).toMatchObject({ allowed: false, rule: 'parse-error' });
  });
});

const mariadb = await probeService('mariadb');

describe.skipIf(!mariadb.available)('MariaDB on the same statements', () => {
  const database = `swy_grammar_${process.pid}`;
  let connection: mysql.Connection;
  beforeAll(async () => {
    connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
    await connection.query(`CREATE DATABASE ${database}`);
    await connection.query(`USE ${database}`);
    await connection.query('CREATE TABLE schools (County TEXT, Virtual TEXT)');
    await connection.query('CREATE TABLE results (time TEXT, `rank` INT)');
  });
  afterAll(async () => {
    await connection?.query(`DROP DATABASE IF EXISTS ${database}`);
    await connection?.end();
  });

  it('runs what the guard now accepts, with the LIMIT it adds', async () => {
    for (const sql of keywordColumns) {
      const verdict = check(sql);
      if (!verdict.allowed) throw new Error(verdict.reason);
      await expect(connection.query(verdict.sql)).resolves.toBeDefined();
    }
  });

  it('runs the chained comparisons the guard accepts', async () => {
    for (const sql of chainedComparisons) await expect(connection.query(sql)).resolves.toBeDefined();
  });

  it('accepts the backtick form the guard refuses: a known false refusal left to the repair turn', async () => {
    await expect(connection.query(chainedWithBackticks)).resolves.toBeDefined();
  });
});
