import type { LexicalDifferences } from '../dialects/sql-dialect-profile.js';
import { GuardRejection, type GuardRule } from './guard-rejection.js';

/*
 * node-sql-parser's lexers differ from the engines' in a few places, and every difference is a way to
 * show the guard one statement while the engine runs another (text the parser takes as a comment or
 * string but the engine reads as SQL). These checks reject the raw text containing such sequences,
 * even inside string literals: a false rejection is cheap, a hand-written lexer that disagreed with
 * the engine would itself be a bypass. A dialect's profile says which differences it has (its
 * `lexical` facts); the PostgreSQL family has none: libpg-query is the engine's own lexer.
 *
 * - MySQL/MariaDB execute version comments (`/*! … *\/`, `/*M! … *\/`) and honour optimizer hints
 *   (`/*+ SET_VAR(…) *\/`); node-sql-parser drops them as comments.
 * - MySQL starts a `--` comment only when whitespace follows (`1--1` is arithmetic); the parser does not.
 * - node-sql-parser treats a backslash before a quote as an escape in every grammar. SQLite and Trino
 *   never do, and MySQL does not under NO_BACKSLASH_ESCAPES, so `'\' UNION SELECT … --'` would be one
 *   string to the parser and a UNION to the engine. Doubling the quote ('') works everywhere. Where the
 *   MySQL session reads backslash escapes (its default sql_mode), the MySQL grammar ends strings exactly
 *   where the server does: both consume a backslash together with the character after it (the grammar
 *   takes `\'`, `\"`, `\\` as pairs and any other backslash alone, before a character that is neither
 *   quote nor backslash), and both read `''` and `""` as doubled quotes. Backtick identifiers never
 *   take escapes on the server; the grammar ends them at the same backtick, but a backslash before a
 *   backtick stays refused as the one place where the two rules touch.
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

const backslashBacktick: LexicalRule = {
  pattern: /\\`/u,
  rule: 'ambiguous-quoting',
  reason: 'The SQL puts a backslash before a backtick, which MySQL does not read as an escape; double the backtick instead.',
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

const executableComment: LexicalRule = {
  pattern: /\/\*\s*(?:!|M!|\+)/u,
  rule: 'executable-comment',
  reason: 'The SQL contains a MySQL executable comment or optimizer hint (/*! … */, /*+ … */); the server would run its contents.',
};

const dashWithoutSpace: LexicalRule = {
  pattern: /--[^\s]/u,
  rule: 'executable-comment',
  reason: 'The SQL contains "--" not followed by a space; MySQL reads that as arithmetic, not a comment.',
};

/** The backslash rule, if any: `sessionEscapes` says a session-mode engine reads backslash escapes as the grammar does. */
function backslashRule(lexical: LexicalDifferences, sessionEscapes: boolean): LexicalRule | undefined {
  // Either side alone reading `\'` as an escape ends the string at a different quote than the other.
  if (lexical.backslashEscapes === 'never' || lexical.backslashEscapes === 'engine-only') return backslashQuote;
  if (lexical.backslashEscapes === 'session-mode') return sessionEscapes ? backslashBacktick : backslashQuote;
  return undefined;
}

/**
 * Throws when the raw SQL contains a sequence the parser and the engine would read differently, as the
 * dialect's lexical differences name them. `backslashEscapes` says the session reads backslash escapes in
 * strings (MySQL's sql_mode without NO_BACKSLASH_ESCAPES); it matters only where they depend on the session.
 */
export function assertNoLexicalDifferential(lexical: LexicalDifferences, sql: string, backslashEscapes = false): void {
  const rules = [
    lexical.executableComments ? executableComment : undefined,
    lexical.dashCommentNeedsSpace ? dashWithoutSpace : undefined,
    backslashRule(lexical, backslashEscapes),
    lexical.hashIsNotComment ? hashWord : undefined,
    lexical.dollarIsNotQuote ? dollarQuote : undefined,
  ];
  for (const lexicalRule of rules) {
    if (lexicalRule?.pattern.test(sql) === true) throw new GuardRejection(lexicalRule.rule, lexicalRule.reason);
  }
}

/**
 * Whether text of a dialect with the PostgreSQL fallback (SQLite, Snowflake, Athena) may be read with a
 * PostgreSQL grammar (for set operations and subqueries their own grammars lack): not when it has block comments
 * (PostgreSQL nests them, the engines do not), `$` (dollar quoting) or backslashes (E'' strings and
 * Snowflake's backslash escapes).
 */
export function isSafeForPostgresGrammarFallback(sql: string): boolean {
  return !/\/\*|\$|\\/u.test(sql);
}
