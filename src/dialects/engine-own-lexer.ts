import type { LexicalDifferences } from './sql-dialect-profile.js';

/**
 * No lexical differences: the dialect is parsed with its engine's own lexer (libpg-query is PostgreSQL's,
 * and DuckDB's lexer derives from it), so the guard sees exactly the tokens the engine will.
 */
export const engineOwnLexer: LexicalDifferences = {
  executableComments: false,
  dashCommentNeedsSpace: false,
  backslashEscapes: 'as-grammar',
  hashIsNotComment: false,
  dollarIsNotQuote: false,
  bracketIdentifiers: false,
};
