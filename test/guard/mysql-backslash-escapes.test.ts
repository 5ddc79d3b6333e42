import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { probeService, sharedPath } from '../helpers/services.js';

/*
 * Backslash escapes in MySQL strings: accepted only where the session reads them as the parser does,
 * and every statement below is also run on MariaDB in that sql_mode, to show the engine reads it the
 * way the guard did (one string, or a UNION the guard saw and judged).
 */

const guard = await SqlGuard.create();
const check = (sql: string, backslashEscapes: boolean) =>
  guard.check({ sql, dialect: 'mysql', allowedTables: ['cards'], rowLimit: 10, backslashEscapes });

interface EscapeCase {
  /** What the statement shows. */
  name: string;
  /** SQL as a model could write it. */
  sql: string;
  /** Verdict with backslash escapes on: allowed, or the rule that refuses it. */
  withEscapes: 'allowed' | string;
  /** Verdict under NO_BACKSLASH_ESCAPES. */
  withoutEscapes: 'allowed' | string;
  /** MariaDB's rows with escapes on, or 'error'. */
  engineWithEscapes: unknown[][] | 'error';
  /** MariaDB's rows under NO_BACKSLASH_ESCAPES, or 'error'. */
  engineWithoutEscapes: unknown[][] | 'error';
}

const cases: EscapeCase[] = [
  {
    name: 'an escaped apostrophe in a value',
    sql: "SELECT name FROM cards WHERE name = 'Ancestor\\'s Chosen'",
    withEscapes: 'allowed',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [["Ancestor's Chosen"]],
    engineWithoutEscapes: 'error',
  },
  {
    name: "a \\' that hides a UNION from a parser without escapes",
    sql: "SELECT 'x\\' UNION SELECT secret FROM hidden -- '",
    withEscapes: 'allowed',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [["x' UNION SELECT secret FROM hidden -- "]],
    engineWithoutEscapes: [['x\\'], ['classified']],
  },
  {
    name: 'an escaped backslash that ends the string before a UNION',
    sql: "SELECT 'x\\\\' UNION SELECT secret FROM hidden -- '",
    withEscapes: 'unknown-table',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [['x\\'], ['classified']],
    engineWithoutEscapes: [['x\\\\'], ['classified']],
  },
  {
    name: "\\' followed by a closing quote",
    sql: "SELECT 'x\\'' UNION SELECT secret FROM hidden -- '",
    withEscapes: 'unknown-table',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [["x'"], ['classified']],
    engineWithoutEscapes: [["x\\' UNION SELECT secret FROM hidden -- "]],
  },
  {
    name: 'an escaped double quote in a double-quoted string',
    sql: 'SELECT "x\\" UNION SELECT secret FROM hidden -- "',
    withEscapes: 'allowed',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [['x" UNION SELECT secret FROM hidden -- ']],
    engineWithoutEscapes: [['x\\'], ['classified']],
  },
  {
    name: 'backslashes before other characters',
    sql: "SELECT 'a\\zb\\%\\_\\0' UNION ALL SELECT 'c'",
    withEscapes: 'allowed',
    withoutEscapes: 'allowed',
    engineWithEscapes: [['azb\\%\\_\u0000'], ['c']],
    engineWithoutEscapes: [['a\\zb\\%\\_\\0'], ['c']],
  },
  {
    name: 'a trailing backslash that leaves the string open',
    sql: "SELECT 'abc\\",
    withEscapes: 'parse-error',
    withoutEscapes: 'parse-error',
    engineWithEscapes: 'error',
    engineWithoutEscapes: 'error',
  },
  {
    name: 'a national string',
    sql: "SELECT N'a\\' UNION SELECT 1 -- '",
    withEscapes: 'allowed',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [["a' UNION SELECT 1 -- "]],
    engineWithoutEscapes: [['a\\'], ['1']],
  },
  {
    name: 'adjacent strings, which MySQL joins',
    sql: "SELECT 'a' 'b\\' UNION SELECT 1 -- '",
    withEscapes: 'allowed',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [["ab' UNION SELECT 1 -- "]],
    engineWithoutEscapes: [['ab\\'], ['1']],
  },
  {
    name: "a \\' inside a comment",
    sql: "SELECT 'it\\'s' # note \\' x\n UNION SELECT 6",
    withEscapes: 'allowed',
    withoutEscapes: 'ambiguous-quoting',
    engineWithEscapes: [["it's"], ['6']],
    engineWithoutEscapes: 'error',
  },
  {
    name: 'a \\u escape, which MySQL reads as u',
    sql: "SELECT '\\u0027 UNION SELECT 9 -- '",
    withEscapes: 'allowed',
    withoutEscapes: 'allowed',
    engineWithEscapes: [['u0027 UNION SELECT 9 -- ']],
    engineWithoutEscapes: [['\\u0027 UNION SELECT 9 -- ']],
  },
  {
    name: 'doubled quotes',
    sql: `SELECT 'it''s', "say ""hi"""`,
    withEscapes: 'allowed',
    withoutEscapes: 'allowed',
    engineWithEscapes: [["it's", 'say "hi"']],
    engineWithoutEscapes: [["it's", 'say "hi"']],
  },
];

const verdictName = (verdict: ReturnType<typeof check>): string => (verdict.allowed ? 'allowed' : verdict.rule);

describe('MySQL backslash escapes in the guard', () => {
  for (const escapeCase of cases) {
    it(`${escapeCase.name}: ${escapeCase.withEscapes} with escapes, ${escapeCase.withoutEscapes} without`, () => {
      expect(verdictName(check(escapeCase.sql, true))).toBe(escapeCase.withEscapes);
      expect(verdictName(check(escapeCase.sql, false))).toBe(escapeCase.withoutEscapes);
    });
  }

  it('still refuses a backslash before a backtick, which MySQL never reads as an escape', () => {
    expect(verdictName(check('SELECT `name\\` FROM cards', true))).toBe('ambiguous-quoting');
  });

  it('treats an unknown source as one without escapes', () => {
    const verdict = guard.check({ sql: "SELECT 'a\\'b'", dialect: 'mysql', allowedTables: [], rowLimit: 1 });
    expect(verdictName(verdict)).toBe('ambiguous-quoting');
  });
});

const mariadb = await probeService('mariadb');

describe.skipIf(!mariadb.available)('MariaDB reads each statement as the guard did', () => {
  const database = `swy_escapes_${process.pid}`;
  let withEscapes: mysql.Connection;
  let withoutEscapes: mysql.Connection;
  const run = async (connection: mysql.Connection, sql: string): Promise<unknown[][] | 'error'> => {
    try {
      const [rows] = await connection.query({ sql, rowsAsArray: true });
      return rows as unknown[][];
    } catch {
      return 'error';
    }
  };

  beforeAll(async () => {
    const settings = { host: '127.0.0.1', port: 3306, user: 'root', password: '', multipleStatements: false };
    withEscapes = await mysql.createConnection(settings);
    await withEscapes.query(`CREATE DATABASE ${database}`);
    await withEscapes.query(`USE ${database}`);
    await withEscapes.query('CREATE TABLE cards (name VARCHAR(100))');
    await withEscapes.query('CREATE TABLE hidden (secret VARCHAR(100))');
    await withEscapes.query("INSERT INTO cards VALUES ('Ancestor''s Chosen'), ('Other')");
    await withEscapes.query("INSERT INTO hidden VALUES ('classified')");
    await withEscapes.query("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
    withoutEscapes = await mysql.createConnection({ ...settings, database });
    await withoutEscapes.query("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
  });

  afterAll(async () => {
    await withEscapes?.query(`DROP DATABASE IF EXISTS ${database}`);
    await withEscapes?.end();
    await withoutEscapes?.end();
  });

  for (const escapeCase of cases) {
    it(`${escapeCase.name}`, async () => {
      expect(await run(withEscapes, escapeCase.sql)).toEqual(escapeCase.engineWithEscapes);
      expect(await run(withoutEscapes, escapeCase.sql)).toEqual(escapeCase.engineWithoutEscapes);
      // What the guard allows runs as the guard read it: the statement with its LIMIT gives the same rows.
      const verdict = check(escapeCase.sql, true);
      if (verdict.allowed) expect(await run(withEscapes, verdict.sql)).toEqual(escapeCase.engineWithEscapes);
    });
  }
});

const corpus = sharedPath('bench', 'replies', 'bird-mini-dev', 'sql_output_kg');

describe.skipIf(corpus === undefined)('MySQL replies of real models with backslash escapes', () => {
  /** Statements of the recorded MySQL replies that escape a quote with a backslash. */
  const samples = (): string[] => {
    const data = JSON.parse(readFileSync(`${corpus}/predict_mini_dev_gpt-4-turbo_mysql.json`, 'utf8')) as Record<string, string>;
    return Object.values(data)
      .map((value) => (value.split('\t----- bird -----\t')[0] ?? '').trim())
      .filter((reply) => /^SELECT\b/iu.test(reply) && reply.includes("\\'"));
  };

  it("accepts them where the session reads escapes and refuses them where it does not", () => {
    const replies = samples();
    expect(replies.length).toBeGreaterThan(0);
    for (const sql of replies) {
      const allowedTables = ['cards', 'member', 'attendance', 'event'];
      expect(guard.check({ sql, dialect: 'mysql', allowedTables, rowLimit: 10, backslashEscapes: true })).toMatchObject({ allowed: true });
      expect(guard.check({ sql, dialect: 'mysql', allowedTables, rowLimit: 10 })).toMatchObject({ rule: 'ambiguous-quoting' });
    }
  });
});
