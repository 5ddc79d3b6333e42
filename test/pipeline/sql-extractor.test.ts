import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSql, incompleteReason, type SqlExtraction } from '../../src/pipeline/languages/sql/sql-extractor.js';
import { sharedPath } from '../helpers/services.js';

function statement(extraction: SqlExtraction): SqlExtraction & { kind: 'statement' } {
  if (extraction.kind !== 'statement') throw new Error(`expected one statement, got ${JSON.stringify(extraction)}`);
  return extraction;
}

describe('every reply shape, minimal', () => {
  it.each([
    ['<sql> tags', '<sql>SELECT a FROM t</sql>', 'SELECT a FROM t'],
    ['<sql> tags after thinking and prose', '<thinking>maybe <sql>SELECT 1</sql></thinking>Here:\n<sql>SELECT a FROM t;</sql>\nDone.', 'SELECT a FROM t'],
    ['a fence labelled SQLite', '```SQLite\nSELECT a FROM t\n```', 'SELECT a FROM t'],
    ['a fence labelled postgresql', '```postgresql\nSELECT a FROM t;\n```', 'SELECT a FROM t'],
    ['a fence labelled mysql after prose', 'Here is the MySQL query:\n\n```mysql\nSELECT a FROM t;\n```\nNote: adjust it.', 'SELECT a FROM t'],
    ['an unlabelled fence', 'Try this:\n```\nSELECT a FROM t\n```', 'SELECT a FROM t'],
    ['a stray closing fence after bare SQL', 'SELECT a\nFROM t\n```', 'SELECT a\nFROM t'],
    ['SQL followed by a fence and prose', 'SELECT a FROM t;\n```sql\n\nThis query returns a.\n```', 'SELECT a FROM t'],
    ['bare SQL', 'SELECT a FROM t WHERE b = 1', 'SELECT a FROM t WHERE b = 1'],
    ['bare SQL with prose after a blank line', ' SELECT a FROM t;\n\nThis query returns every a.', 'SELECT a FROM t'],
    ['bare SQL with prose after, no semicolon', 'SELECT a FROM t\n\nThis query returns every a.', 'SELECT a FROM t'],
    ['prose before bare SQL', 'The answer is:\nSELECT a FROM t;', 'SELECT a FROM t'],
    ['a WITH query', 'WITH x AS (SELECT a FROM t) SELECT a FROM x', 'WITH x AS (SELECT a FROM t) SELECT a FROM x'],
    ['markdown escapes', 'SELECT COUNT(\\*) FROM player\\_attributes WHERE name LIKE \'a\\_%\';', "SELECT COUNT(*) FROM player_attributes WHERE name LIKE 'a\\_%'"],
    ['blank lines inside a statement', 'SELECT a FROM t\n\nUNION\n\nSELECT b FROM u', 'SELECT a FROM t\n\nUNION\n\nSELECT b FROM u'],
    ['a semicolon inside a literal', "<sql>SELECT a FROM t WHERE b = 'x;y'</sql>", "SELECT a FROM t WHERE b = 'x;y'"],
    ['a MySQL backslash escape', "SELECT a FROM t WHERE b = 'Ancestor\\'s Chosen';", "SELECT a FROM t WHERE b = 'Ancestor\\'s Chosen'"],
  ])('%s', (_shape, reply, sql) => {
    expect(statement(extractSql(reply)).sql).toBe(sql);
  });

  it('finds no SQL in prose', () => {
    expect(extractSql('I cannot answer that from these tables.')).toEqual({ kind: 'none' });
    expect(extractSql('With this schema it is not possible.')).toEqual({ kind: 'none' });
  });

  it.each([
    ['bare alternatives', 'SELECT a FROM t;\n\nSELECT b FROM t;', 2],
    ['alternatives joined by a word', 'SELECT a FROM t;\n\nOR\n\nSELECT b FROM u;', 2],
    ['alternatives inside one tag', '<sql>SELECT a FROM t; SELECT b FROM t</sql>', 2],
    ['a query stacked with a write', '<sql>SELECT 1; DROP TABLE t</sql>', 2],
    ['a bare query stacked with a write', 'SELECT 1;\nDROP TABLE t', 2],
    ['two fences', '```sql\nSELECT a FROM t\n```\nor\n```sql\nSELECT b FROM t\n```', 2],
  ])('several statements: %s', (_shape, reply, count) => {
    const extraction = extractSql(reply);
    expect(extraction.kind).toBe('several');
    if (extraction.kind === 'several') expect(extraction.statements).toHaveLength(count);
  });

  it('reads the same statement written twice as one', () => {
    expect(statement(extractSql('<sql>SELECT a FROM t</sql> or again: <sql>SELECT a FROM t</sql>')).sql).toBe('SELECT a FROM t');
  });

  it('keeps whatever a tag holds for the guard to judge', () => {
    expect(statement(extractSql('<sql>INSTALL httpfs</sql>')).sql).toBe('INSTALL httpfs');
  });

  it('says when a reply ended inside its tag or fence', () => {
    expect(statement(extractSql('<sql>SELECT a FROM t</sql>')).closed).toBe(true);
    expect(statement(extractSql('<sql>SELECT a FROM t WHERE b')).closed).toBe(false);
    expect(statement(extractSql('```sql\nSELECT a FROM t')).closed).toBe(false);
    expect(statement(extractSql('SELECT a FROM t;')).closed).toBe(true);
    const open = statement(extractSql('<sql>SELECT a FROM t WHERE b = 1'));
    expect(incompleteReason(open, 'unknown')).toMatch(/cut off/);
    expect(incompleteReason(open, 'finished')).toBeUndefined();
    expect(incompleteReason(statement(extractSql('<sql>SELECT a FROM t</sql>')), 'unknown')).toBeUndefined();
  });

  it.each([
    ['inside a literal', "SELECT a FROM t WHERE b = '", 'string'],
    ['inside a quoted identifier', 'SELECT t."Enrollment (K-1', 'quoted identifier'],
    ['with a parenthesis open', 'SELECT a FROM t WHERE b IN (SELECT c FROM u', 'parenthesis'],
    ['after AND', 'SELECT a FROM t WHERE b = 1 AND', '"AND"'],
    ['after a comma', 'SELECT a,', '","'],
  ])('sees a statement cut off %s, even after a stop sequence', (_where, reply, reason) => {
    const extraction = statement(extractSql(reply));
    expect(extraction.cutOff).toContain(reason);
    expect(incompleteReason(extraction, 'finished')).toMatch(/cut off/);
  });
});

// Real replies of the recorded models (../shared/bench/replies), one per shape.
const corpus = sharedPath('bench', 'replies', 'bird-mini-dev', 'sql_output_kg');
const files = new Map<string, Record<string, string>>();
function recorded(model: string, key: string): string {
  if (corpus === undefined) throw new Error('corpus absent');
  const file = `predict_mini_dev_${model}.json`;
  if (!files.has(file)) files.set(file, JSON.parse(fs.readFileSync(path.join(corpus, file), 'utf8')) as Record<string, string>);
  return ((files.get(file) as Record<string, string>)[key] as string).split('\t----- bird -----\t')[0] as string;
}

describe.skipIf(corpus === undefined)('recorded replies of real models', () => {
  it.each([
    ['a fence labelled SQLite, closed', 'gpt-4-turbo_sqlite', '39', /^SELECT notes\nFROM income\n.*'2019-09-14'$/s],
    ['a fence labelled SQLite, stopped before its end', 'gpt-4-turbo_sqlite', '35', /^SELECT first_name .*WHERE state = 'Illinois'$/s],
    ['a fence labelled sql', 'gpt-4_mysql', '372', /^SELECT\n {2}\(COUNT\(CASE.*c\.power = '\*'$/s],
    ['a stray closing fence', 'gpt-35-turbo-instruct_postgresql', '403', /^SELECT {2}atom\.element\n.*'TR004_8_9'$/s],
    ['SQL, then a fence opening the explanation', 'mistralai-mixtral-8x7b-instru-4_mysql', '374', /^SELECT \(COUNT\(CASE .*\nFROM cards$/s],
    ['markdown escapes and a fence', 'mistralai-mixtral-8x7b-instru-4_mysql', '136', /preferred_foot = 'left'.*COUNT\(player_fifa_api_id\)/s],
    ['SQL, then prose', 'mistralai-mixtral-8x7b-instru-4_mysql', '100', /^SELECT \nEXISTS \(.*\) AS is_within_normal_range$/s],
    ['prose, then a fence, then prose', 'mistralai-mixtral-8x7b-instru-4_mysql', '317', /^SELECT ph\.Id.*standard deviation\?%'$/s],
    ['bare SQL', 'gpt-35-turbo-instruct_mysql', '1', /^SELECT {2}CustomerID\nFROM yearmonth\n.*LIMIT 1$/s],
    ['a MySQL backslash escape', 'gpt-4-turbo_mysql', '355', /^SELECT borderColor FROM cards WHERE name = 'Ancestor\\'s Chosen'$/],
  ])('%s', (_shape, model, key, pattern) => {
    const extraction = statement(extractSql(recorded(model, key)));
    expect(extraction.sql).toMatch(pattern);
    expect(extraction.cutOff).toBeUndefined();
    expect(extraction.sql).not.toMatch(/```|;\s*$|This query/);
  });

  it('several alternatives', () => {
    const extraction = extractSql(recorded('meta-llama-3-8b-instruct-2_mysql', '416'));
    expect(extraction.kind).toBe('several');
    if (extraction.kind === 'several') expect(extraction.statements).toHaveLength(3);
  });

  it('a reply cut inside a literal by the recording\'s "#" stop sequence', () => {
    const extraction = statement(extractSql(recorded('gpt-4-turbo_sqlite', '401')));
    expect(extraction.cutOff).toBe('it ends inside a string');
  });
});
