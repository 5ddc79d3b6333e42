import { loadModule } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSqlDialectProfile } from '../../src/dialects/dialect-registry.js';
import { engineOwnLexer } from '../../src/dialects/engine-own-lexer.js';
import { defineFunctionAllowList } from '../../src/dialects/function-allow-list.js';
import type { LexicalDifferences, PortableGrammar, SqlDialectProfile } from '../../src/dialects/sql-dialect-profile.js';
import { assertEngineGrammar } from '../../src/guard/engine-grammar-check.js';
import { assertFunctionAllowed, neverAllowedRule } from '../../src/guard/function-policy.js';
import { GuardRejection } from '../../src/guard/guard-rejection.js';
import { assertNoLexicalDifferential } from '../../src/guard/lexical-differential-check.js';
import { parsePortable } from '../../src/guard/portable-grammar-parser.js';
import { assertNotSystemRelation, effectiveDefaultSchema } from '../../src/guard/relation-policy.js';

/*
 * The guard's rules hold no per-dialect tables: each reads the fact it needs from the dialect's profile.
 * A made-up dialect, built from a real profile with one fact changed, shows each rule following the fact.
 */

const postgres = getSqlDialectProfile('postgres');
const made: SqlDialectProfile = { ...postgres, displayName: 'Madeup DB' };

/** The rule a check refuses under, or 'allowed'. */
function ruleOf(check: () => unknown): string {
  try {
    check();
    return 'allowed';
  } catch (error) {
    if (error instanceof GuardRejection) return error.rule;
    throw error;
  }
}

beforeAll(async () => {
  await loadModule();
});

describe('lexical differences come from the profile', () => {
  it.each([
    [{ executableComments: true }, 'SELECT /*! 1 */ 2', 'executable-comment'],
    [{ dashCommentNeedsSpace: true }, 'SELECT 1--1', 'executable-comment'],
    [{ backslashEscapes: 'never' }, "SELECT 'a\\'b'", 'ambiguous-quoting'],
    [{ hashIsNotComment: true }, 'SELECT a FROM t #x', 'ambiguous-quoting'],
    [{ dollarIsNotQuote: true }, 'SELECT $$a$$', 'ambiguous-quoting'],
  ] as [Partial<LexicalDifferences>, string, string][])('%o refuses %s, which the engine-own lexer lets pass', (difference, sql, rule) => {
    expect(ruleOf(() => assertNoLexicalDifferential(engineOwnLexer, sql))).toBe('allowed');
    expect(ruleOf(() => assertNoLexicalDifferential({ ...engineOwnLexer, ...difference }, sql))).toBe(rule);
  });

  it('reads backslashes per session only where the profile says the session decides', () => {
    const sessionMode: LexicalDifferences = { ...engineOwnLexer, backslashEscapes: 'session-mode' };
    expect(ruleOf(() => assertNoLexicalDifferential(sessionMode, "SELECT 'a\\'b'", false))).toBe('ambiguous-quoting');
    expect(ruleOf(() => assertNoLexicalDifferential(sessionMode, "SELECT 'a\\'b'", true))).toBe('allowed');
    expect(ruleOf(() => assertNoLexicalDifferential({ ...engineOwnLexer, backslashEscapes: 'never' }, "SELECT 'a\\'b'", true))).toBe(
      'ambiguous-quoting',
    );
  });
});

describe('relations, schemas and functions come from the profile', () => {
  it('refuses the system schemas, prefixes, names and metadata tables the profile lists', () => {
    const system = { schemas: ['vault'], prefixes: ['meta_'], names: ['catalogue'], dollarMetadataTables: true };
    const dialect: SqlDialectProfile = { ...made, systemRelations: system };
    for (const parts of [['vault', 'orders'], ['meta_users'], ['catalogue'], ['orders$files']]) {
      expect(ruleOf(() => assertNotSystemRelation(postgres, parts))).toBe('allowed');
      expect(ruleOf(() => assertNotSystemRelation(dialect, parts))).toBe('system-catalog');
    }
  });

  it("takes the profile's default schema when the source names none", () => {
    expect(effectiveDefaultSchema({ ...made, defaultSchema: 'Warehouse' }, undefined)).toBe('warehouse');
    expect(effectiveDefaultSchema({ ...made, defaultSchema: undefined }, undefined)).toBeUndefined();
    expect(effectiveDefaultSchema({ ...made, defaultSchema: 'warehouse' }, 'Sales')).toBe('sales');
  });

  it("judges calls by the profile's allow-list, denial groups and built-in schemas", () => {
    const dialect: SqlDialectProfile = {
      ...made,
      builtInSchemas: ['builtins'],
      deniedFunctions: [{ rule: 'denied-file-access', why: 'reads files', prefixes: ['slurp_'] }],
      functionAllowList: defineFunctionAllowList('Madeup DB 1', { string: 'shout' }),
    };
    const call = (parts: string[]) => ruleOf(() => assertFunctionAllowed(dialect, { parts, position: 'expression' }));
    expect(call(['shout'])).toBe('allowed');
    expect(call(['builtins', 'shout'])).toBe('allowed');
    expect(call(['upper'])).toBe('unlisted-function');
    expect(call(['slurp_file'])).toBe('denied-file-access');
    expect(neverAllowedRule(dialect, 'slurp_file')).toBe('denied-file-access');
    expect(neverAllowedRule(postgres, 'slurp_file')).toBeUndefined();
  });

  it('refuses WITH TIES, naming the engine, only where the profile says the engine lacks it', () => {
    const sql = 'SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS WITH TIES';
    expect(ruleOf(() => assertEngineGrammar(made, sql))).toBe('allowed');
    const withoutTies: SqlDialectProfile = { ...made, grammar: { parser: 'libpg-query', label: 'Madeup SQL', limitWithTies: false } };
    expect(() => assertEngineGrammar(withoutTies, sql)).toThrow('Madeup DB has no FETCH FIRST … WITH TIES');
  });
});

describe('the grammar comes from the profile', () => {
  const sqliteGrammar: PortableGrammar = { parser: 'node-sql-parser', grammars: ['Sqlite'], postgresFallback: false, maskIsNullTests: false };

  it("tries the profile's grammars, then PostgreSQL's only where the profile allows that fallback", () => {
    const sql = 'SELECT a FROM t INTERSECT SELECT a FROM u';
    expect(ruleOf(() => parsePortable(sql, sqliteGrammar))).toBe('parse-error');
    expect(ruleOf(() => parsePortable(sql, { ...sqliteGrammar, postgresFallback: true }))).toBe('allowed');
    expect(ruleOf(() => parsePortable(sql, { ...sqliteGrammar, grammars: ['Sqlite', 'MySQL'] }))).toBe('allowed');
  });

  it('masks IS NULL after a comparison only where the profile says the engine reads it', () => {
    const mySqlGrammar: PortableGrammar = { parser: 'node-sql-parser', grammars: ['MySQL'], postgresFallback: false, maskIsNullTests: false };
    const sql = 'SELECT a FROM t WHERE a = b IS NULL';
    expect(ruleOf(() => parsePortable(sql, mySqlGrammar))).toBe('parse-error');
    expect(ruleOf(() => parsePortable(sql, { ...mySqlGrammar, maskIsNullTests: true }))).toBe('allowed');
  });
});
