import nodeSqlParser from 'node-sql-parser';
import type { PortableGrammar } from '../dialects/sql-dialect-profile.js';
import { GuardRejection } from './guard-rejection.js';
import { isSafeForPostgresGrammarFallback } from './lexical-differential-check.js';

/*
 * node-sql-parser (a PEG parser per database) for the engines that ship no embeddable parser, with the
 * fallback chain of sibling grammars per dialect. The tree is walked by portable-statement-analyzer.ts.
 */

type AstNode = Record<string, unknown>;

const { Parser } = nodeSqlParser;
const parser = new Parser();

function astify(sql: string, database: string): AstNode[] {
  const ast = parser.astify(sql, { database }) as unknown;
  return (Array.isArray(ast) ? ast : [ast]) as AstNode[];
}

/** node-sql-parser's name for its PostgreSQL grammar, the last resort where a profile allows it. */
const postgresGrammar = 'PostgresQL';

/** `IS [NOT] NULL` as a whole word: not part of a MySQL identifier (letters, digits, _, $, non-ASCII), a qualified name or a variable. */
const isNullTest = /(?<![A-Za-z0-9_$\u0080-\uFFFF.@])IS(\s+)(?:NOT(\s+))?NULL(?![A-Za-z0-9_$\u0080-\uFFFF])/giu;

/**
 * MySQL reads `a = b IS NULL` as `(a = b) IS NULL`; neither grammar takes IS NULL after a comparison.
 * For the parse only, each `IS [NOT] NULL` becomes `+ NULL` padded to the same length, another operator
 * after the same operand: the tree's shape changes, but not the tables, columns, functions, subqueries
 * and clauses it holds, which are all the guard judges; the original text is what runs. The substitution
 * is applied everywhere, strings and comments included, so it needs no lexer: in a string or comment it
 * changes only content, never where a token ends. It is not applied to text with backticks, where it
 * could rename a quoted identifier.
 */
function withoutIsNullTests(sql: string): string | undefined {
  if (sql.includes('`')) return undefined;
  const masked = sql.replace(isNullTest, (_match, space: string, notSpace: string | undefined) =>
    notSpace === undefined ? `+ ${space}NULL` : `+ ${space}   ${notSpace}NULL`,
  );
  return masked === sql ? undefined : masked;
}

/**
 * Parses with node-sql-parser; returns the statement list. The grammars are tried in the profile's order,
 * then the PostgreSQL grammar where the profile allows that fallback. The SQLite, Snowflake and Trino
 * grammars lack INTERSECT/EXCEPT, the Trino grammar rejects scalar subqueries and EXISTS, the SQLite grammar
 * rejects `OVER (ORDER BY …)` without PARTITION BY; all of these are common in real analytical SQL (and in
 * the Spider/BIRD gold queries). Text the engine's own grammar refuses is therefore re-read with a sibling
 * grammar; the PostgreSQL grammar only when `isSafeForPostgresGrammarFallback` finds none of the lexical
 * features where that grammar and the engine disagree. The rejection reports the first grammar's message.
 */
export function parsePortable(sql: string, grammar: PortableGrammar): AstNode[] {
  let firstError: unknown;
  for (const database of grammar.grammars) {
    try {
      return astify(sql, database);
    } catch (error) {
      firstError ??= error;
    }
  }
  if (grammar.postgresFallback && isSafeForPostgresGrammarFallback(sql)) {
    try {
      return astify(sql, postgresGrammar);
    } catch {
      // Refused by every grammar: the engine's own grammar's message is reported.
    }
  }
  const masked = grammar.maskIsNullTests ? withoutIsNullTests(sql) : undefined;
  if (masked !== undefined) {
    try {
      return astify(masked, grammar.grammars[0]);
    } catch {
      // The original grammar's message explains the refusal better than the masked text's.
    }
  }
  const message = firstError instanceof Error ? firstError.message : String(firstError);
  throw new GuardRejection('parse-error', `The SQL is not valid ${grammar.grammars[0]} SQL: ${message.slice(0, 300)}`);
}
