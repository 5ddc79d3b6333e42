import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDialect } from '../../src/dialects/dialect-registry.js';
import type { SqlDialectName } from '../../src/dialects/sql-dialect.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { repositoryRoot } from '../helpers/services.js';

const implemented: SqlDialectName[] = ['duckdb', 'postgres', 'redshift', 'mysql'];

describe('SQL dialects', () => {
  it.each(implemented)('%s has prompt notes of at most 25 lines', (name) => {
    const dialect = getDialect(name);
    expect(dialect.name).toBe(name);
    const notes = fs.readFileSync(path.join(repositoryRoot, 'prompts', 'dialects', dialect.promptNotesFile), 'utf8');
    expect(notes.trim().split('\n').length).toBeLessThanOrEqual(25);
    expect(notes).toContain(dialect.displayName.split(' ').at(-1));
  });

  it('quotes with double quotes, doubling embedded ones, for the PostgreSQL family and DuckDB', () => {
    for (const name of ['duckdb', 'postgres', 'redshift'] as const) {
      expect(getDialect(name).quoteIdentifier('order')).toBe('"order"');
      expect(getDialect(name).quoteIdentifier('say "hi"')).toBe('"say ""hi"""');
    }
  });

  it('quotes with backticks, doubling embedded ones, for MySQL', () => {
    expect(getDialect('mysql').quoteIdentifier('order date')).toBe('`order date`');
    expect(getDialect('mysql').quoteIdentifier('a`b')).toBe('`a``b`');
  });

  it('gives Redshift its own notes while sharing PostgreSQL quoting', () => {
    expect(getDialect('redshift').promptNotesFile).not.toBe(getDialect('postgres').promptNotesFile);
    expect(getDialect('redshift').displayName).toBe('Amazon Redshift');
  });

  it('registers Athena and Snowflake with double-quote quoting and their own prompt notes', () => {
    expect(getDialect('athena').quoteIdentifier('a"b')).toBe('"a""b"');
    expect(getDialect('athena').promptNotesFile).toBe('athena.md');
    expect(getDialect('snowflake').quoteIdentifier('Order')).toBe('"Order"');
    expect(getDialect('snowflake').promptNotesFile).toBe('snowflake.md');
  });

  it('rejects a dialect without an implementation with SWY_ERR_CONFIG_INVALID', () => {
    // Every SqlDialectName is implemented now (sqlite last); a name from bad configuration is not.
    const attempt = () => getDialect('oracle' as SqlDialectName);
    expect(attempt).toThrow(SwitchyardError);
    try {
      attempt();
    } catch (error) {
      expect((error as SwitchyardError).code).toBe('SWY_ERR_CONFIG_INVALID');
    }
  });
});
