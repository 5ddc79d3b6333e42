import type { SqlDialectName } from '../dialects/sql-dialect.js';
import { GuardRejection, type GuardRule } from './guard-rejection.js';

/*
 * node-sql-parser's lexers differ from the engines' in a few places, and every difference is a way to
 * show the guard one statement while the engine runs another (text the parser takes as a comment or
 * string but the engine reads as SQL). These checks reject the raw text containing such sequences,
 * even inside string literals: a false rejection is cheap, a hand-written lexer that disagreed with
 * the engine would itself be a bypass. PostgreSQL-family dialects need none of this: libpg-query is
 * the engine's own lexer.
 *
 * - MySQL/MariaDB execute version comments (`/*! … *\/`, `/*M! … *\/`) and honour optimizer hints
 *   (`/*+ SET_VAR(…) *\/`); node-sql-parser drops them as comments.
 * - MySQL starts a `--` comment only when whitespace follows (`1--1` is arithmetic); the parser does not.
 * - node-sql-parser treats a backslash before a quote as an escape in every grammar. SQLite and Trino
 *   never do, and MySQL does not under NO_BACKSLASH_ESCAPES, so `'\' UNION SELECT … --'` would be one
 *   string to the parser and a UNION to the engine. Doubling the quote ('') works everywhere.
 * - The SQLite and Trino grammars take `#` as a line comment; SQLite reads `#name` as a parameter.
 * - The Trino grammar accepts `$$ … $$` strings, which Trino/Athena do not have.
 */

interface LexicalRule {
  /** Sequence that triggers a rejection. */
  pattern: RegExp;
  /** Rule reported. */
  rule: GuardRule;
  /** Sentence shown to the user. */
  reason: string;
}

const backslashQuote: LexicalRule = {
  pattern: /\\['"`]/u,
  rule: 'ambiguous-quoting',
  reason: "The SQL puts a backslash before a quote, which this engine may not read as an escape; double the quote ('') instead.",
};

const hashWord: LexicalRule = {
  pattern: /#[\p{L}\p{N}_$]/u,
  rule: 'ambiguous-quoting',
  reason: 'The SQL contains "#" followed by a name, which the parser reads as a comment but the engine does not.',
};

const dollarQuote: LexicalRule = {
  pattern: /\$\$/u,
  rule: 'ambiguous-quoting',
  reason: 'The SQL contains "$$", which is not a string delimiter in this engine.',
};

const rulesByDialect: Partial<Record<SqlDialectName, readonly LexicalRule[]>> = {
  mysql: [
    {
      pattern: /\/\*\s*(?:!|M!|\+)/u,
      rule: 'executable-comment',
      reason: 'The SQL contains a MySQL executable comment or optimizer hint (/*! … */, /*+ … */); the server would run its contents.',
    },
    {
      pattern: /--[^\s]/u,
      rule: 'executable-comment',
      reason: 'The SQL contains "--" not followed by a space; MySQL reads that as arithmetic, not a comment.',
    },
    backslashQuote,
  ],
  sqlite: [backslashQuote, hashWord, dollarQuote],
  athena: [backslashQuote, hashWord, dollarQuote],
  snowflake: [hashWord],
};

/** Throws when the raw SQL contains a sequence the parser and the engine would read differently. */
export function assertNoLexicalDifferential(dialect: SqlDialectName, sql: string): void {
  for (const lexicalRule of rulesByDialect[dialect] ?? []) {
    if (lexicalRule.pattern.test(sql)) throw new GuardRejection(lexicalRule.rule, lexicalRule.reason);
  }
}

/**
 * Whether SQLite, Snowflake or Athena text may be read with node-sql-parser's PostgreSQL grammar (the
 * fallback for set operations and subqueries their own grammars lack): not when it has block comments
 * (PostgreSQL nests them, the engines do not), `$` (dollar quoting) or backslashes (E'' strings and
 * Snowflake's backslash escapes).
 */
export function isSafeForPostgresGrammarFallback(sql: string): boolean {
  return !/\/\*|\$|\\/u.test(sql);
}
