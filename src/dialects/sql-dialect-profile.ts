import type { FunctionAllowList } from './function-allow-list.js';
import type { FunctionDenial } from './function-denial.js';
import type { SqlDialect, SqlDialectName } from './sql-dialect.js';

/** Read with libpg-query, PostgreSQL's own parser: the PostgreSQL family, and DuckDB, whose grammar derives from it. */
export interface PostgresGrammar {
  /** The parser family. */
  readonly parser: 'libpg-query';
  /** How refusals name the language, e.g. "Redshift SQL (parsed with the PostgreSQL grammar)". */
  readonly label: string;
  /** Whether the engine runs `FETCH FIRST n ROWS WITH TIES` (or `LIMIT n WITH TIES`), which the grammar accepts. */
  readonly limitWithTies: boolean;
}

/** Read with node-sql-parser's grammars, for engines that ship no embeddable parser. */
export interface PortableGrammar {
  /** The parser family. */
  readonly parser: 'node-sql-parser';
  /**
   * node-sql-parser grammars (its `database` names) tried in order, the engine's own first, then
   * siblings that read what it misses; refusals name the first.
   */
  readonly grammars: readonly [string, ...string[]];
  /**
   * Whether text every grammar refuses may be re-read with PostgreSQL's grammars, when it is free of
   * the lexical features where they and the engine disagree. Not where double quotes delimit strings.
   */
  readonly postgresFallback: boolean;
  /**
   * Whether the engine reads `IS [NOT] NULL` after a comparison (`a = b IS NULL`), which the grammars
   * refuse: the first grammar is then retried with each such test masked.
   */
  readonly maskIsNullTests: boolean;
}

/** How the guard parses a dialect. */
export type SqlGrammar = PostgresGrammar | PortableGrammar;

/**
 * Where the engine reads SQL text differently from the grammar the guard parses it with. Each
 * difference would let the guard judge one statement while the engine runs another, so the guard
 * refuses (or rewrites) the raw text that shows one, even inside string literals. A dialect parsed
 * with the engine's own lexer has none.
 */
export interface LexicalDifferences {
  /** The engine runs `/*! … *\/` version comments and obeys `/*+ … *\/` optimizer hints, which the grammar drops as comments. */
  readonly executableComments: boolean;
  /** The engine starts a `--` comment only before white space (`1--1` is arithmetic); the grammar starts one always. */
  readonly dashCommentNeedsSpace: boolean;
  /**
   * How the engine reads a backslash in a string literal: as the grammar does, never as the escape the
   * grammar takes it for, as an escape the grammar does not take it for (Redshift under the PostgreSQL
   * grammar), or as the session's sql_mode says (escapes unless NO_BACKSLASH_ESCAPES).
   */
  readonly backslashEscapes: 'as-grammar' | 'never' | 'engine-only' | 'session-mode';
  /** The grammar may read `#` as a line comment where the engine does not (SQLite reads `#name` as a parameter). */
  readonly hashIsNotComment: boolean;
  /** The grammar may read `$$ … $$` as a string where the engine does not. */
  readonly dollarIsNotQuote: boolean;
  /** The engine reads `[name]` as a quoted identifier, which the grammar does not; the guard rewrites it to `"name"`. */
  readonly bracketIdentifiers: boolean;
}

/** The relations that are engine metadata, never queryable whatever a question's table list says. */
export interface SystemRelations {
  /** Schemas (or catalogs) whose every relation is metadata, lower-case. */
  readonly schemas: readonly string[];
  /** Name prefixes that are metadata even unqualified, because the engine's search path finds them (`pg_shadow`). */
  readonly prefixes: readonly string[];
  /** Exact names that are metadata, lower-case. */
  readonly names: readonly string[];
  /** Whether a name holding `$` is a metadata table (Trino's "orders$partitions", "orders$files"). */
  readonly dollarMetadataTables: boolean;
}

/**
 * Everything Switchyard knows of one SQL dialect: how SQL looks (quoting, prompt notes) and every fact
 * the guard judges a statement by. Every field is required, so a new dialect cannot leave a guard fact
 * to a default; the guard's rules read them and hold no per-dialect tables of their own.
 */
export interface SqlDialectProfile extends SqlDialect {
  /** Dialect name. */
  readonly name: SqlDialectName;
  /** Which parser reads the dialect, and how. */
  readonly grammar: SqlGrammar;
  /** Where the engine's lexer and the grammar's disagree: comments, quoting, backslash escapes. */
  readonly lexical: LexicalDifferences;
  /** The schema an unqualified name resolves to when the source names none; undefined when the connection picks it (MySQL). */
  readonly defaultSchema: string | undefined;
  /** Relations that are engine metadata. */
  readonly systemRelations: SystemRelations;
  /** Schemas that hold the built-in functions, with which a built-in may be qualified, lower-case. */
  readonly builtInSchemas: readonly string[];
  /** Functions never allowed, not even by an overlay, grouped by the rule they are refused under. */
  readonly deniedFunctions: readonly FunctionDenial[];
  /** The vetted functions, by position and category; anything else is refused as unlisted. */
  readonly functionAllowList: FunctionAllowList;
}
