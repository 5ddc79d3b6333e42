import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDialect, getSqlDialectProfile, requireSqlDialect } from '../../src/dialects/dialect-registry.js';
import type { SqlDialectName } from '../../src/dialects/sql-dialect.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { repositoryRoot } from '../helpers/services.js';

/** Every dialect name; the `satisfies` makes a new name fail to compile here until it is listed. */
const every = Object.keys({
  postgres: true,
  redshift: true,
  mysql: true,
  athena: true,
  trino: true,
  snowflake: true,
  duckdb: true,
  sqlite: true,
} satisfies Record<SqlDialectName, true>) as SqlDialectName[];

function expectConfigInvalid(attempt: () => unknown): void {
  expect(attempt).toThrow(SwitchyardError);
  try {
    attempt();
  } catch (error) {
    expect((error as SwitchyardError).code).toBe('SWY_ERR_CONFIG_INVALID');
  }
}

describe('SQL dialects', () => {
  it.each(every)('%s has one profile, its own folder and prompt notes of at most 25 lines', (name) => {
    const profile = getSqlDialectProfile(name);
    expect(profile.name).toBe(name);
    expect(getDialect(name)).toBe(profile);
    expect(fs.existsSync(path.join(repositoryRoot, 'src', 'dialects', name, `${name}-dialect.ts`))).toBe(true);
    expect(profile.promptNotesFile).toBe(`${name}.md`);
    const notes = fs.readFileSync(path.join(repositoryRoot, 'prompts', 'dialects', profile.promptNotesFile), 'utf8');
    expect(notes.trim().split('\n').length).toBeLessThanOrEqual(25);
  });

  it.each(every)('%s never allows a function it also denies', (name) => {
    const { functionAllowList, deniedFunctions } = getSqlDialectProfile(name);
    const allowed = [...functionAllowList.expression.keys(), ...functionAllowList.table.keys()];
    const denied = allowed.filter((function_) =>
      deniedFunctions.some((group) => group.names?.includes(function_) === true || group.prefixes?.some((prefix) => function_.startsWith(prefix)) === true),
    );
    expect(denied).toEqual([]);
  });

  it('names the engine in the notes of the PostgreSQL family, DuckDB and MySQL', () => {
    for (const name of ['duckdb', 'postgres', 'redshift', 'mysql'] as const) {
      const dialect = getDialect(name);
      const notes = fs.readFileSync(path.join(repositoryRoot, 'prompts', 'dialects', dialect.promptNotesFile), 'utf8');
      expect(notes).toContain(dialect.displayName.split(' ').at(-1));
    }
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

  it('builds Redshift from PostgreSQL: same quoting, parser and denials; its own notes, functions, system tables and string escapes', () => {
    const postgres = getSqlDialectProfile('postgres');
    const redshift = getSqlDialectProfile('redshift');
    expect(redshift.displayName).toBe('Amazon Redshift');
    expect(redshift.promptNotesFile).not.toBe(postgres.promptNotesFile);
    expect(redshift.quoteIdentifier).toBe(postgres.quoteIdentifier);
    expect(redshift.grammar.parser).toBe('libpg-query');
    expect(redshift.lexical).toEqual({ ...postgres.lexical, backslashEscapes: 'engine-only' });
    expect(redshift.grammar).toMatchObject({ limitWithTies: false });
    expect(redshift.deniedFunctions).toBe(postgres.deniedFunctions);
    expect(redshift.functionAllowList.expression.has('getdate')).toBe(true);
    expect(postgres.functionAllowList.expression.has('getdate')).toBe(false);
    expect(redshift.systemRelations.schemas).toEqual(expect.arrayContaining([...postgres.systemRelations.schemas, 'pg_internal']));
    expect(redshift.systemRelations.prefixes).toEqual(expect.arrayContaining([...postgres.systemRelations.prefixes, 'stl_']));
  });

  it('builds Trino from Athena: same grammar, quoting and lexical facts; no default schema, more metadata schemas, functions and denials', () => {
    const athena = getSqlDialectProfile('athena');
    const trino = getSqlDialectProfile('trino');
    expect(trino.displayName).toBe('Trino');
    expect(trino.promptNotesFile).toBe('trino.md');
    expect(trino.quoteIdentifier).toBe(athena.quoteIdentifier);
    expect(trino.grammar).toBe(athena.grammar);
    expect(trino.lexical).toBe(athena.lexical);
    expect(trino.defaultSchema).toBeUndefined();
    expect(trino.systemRelations.schemas).toEqual(expect.arrayContaining([...athena.systemRelations.schemas, 'jdbc', 'runtime', 'metadata']));
    expect(trino.systemRelations.dollarMetadataTables).toBe(true);
    for (const name of athena.functionAllowList.expression.keys()) expect(trino.functionAllowList.expression.has(name)).toBe(true);
    expect(trino.functionAllowList.expression.get('url_extract_host')).toBe('string');
    expect(athena.functionAllowList.expression.has('url_extract_host')).toBe(false);
    expect(trino.deniedFunctions).toEqual(expect.arrayContaining([...athena.deniedFunctions]));
    expect(trino.deniedFunctions.flatMap((group) => group.names ?? [])).toEqual(expect.arrayContaining(['query', 'raw_query', 'table_changes']));
  });

  it('registers Athena and Snowflake with double-quote quoting and their own prompt notes', () => {
    expect(getDialect('athena').quoteIdentifier('a"b')).toBe('"a""b"');
    expect(getDialect('athena').promptNotesFile).toBe('athena.md');
    expect(getDialect('snowflake').quoteIdentifier('Order')).toBe('"Order"');
    expect(getDialect('snowflake').promptNotesFile).toBe('snowflake.md');
  });

  it('rejects a dialect without an implementation with SWY_ERR_CONFIG_INVALID', () => {
    // Every SqlDialectName is implemented; a name from bad configuration is not.
    expectConfigInvalid(() => getDialect('oracle' as SqlDialectName));
    expectConfigInvalid(() => getSqlDialectProfile('oracle' as SqlDialectName));
  });

  it('gives REST sources a language name but no SQL dialect: the HTTP GET query language asks them', () => {
    expectConfigInvalid(() => getDialect('openapi' as SqlDialectName));
    expect(() => requireSqlDialect('openapi')).toThrow(SwitchyardError);
    expectConfigInvalid(() => getSqlDialectProfile('openapi' as SqlDialectName));
  });
});
