import type { LexicalDifferences } from './sql-dialect-profile.js';

/**
 * An engine that lexes standard SQL, read with node-sql-parser's grammars: the engine never takes a
 * backslash as an escape, `#` as a comment or `$$` as a string delimiter, all of which the grammars may.
 */
export const standardSqlLexer: LexicalDifferences = {
  executableComments: false,
  dashCommentNeedsSpace: false,
  backslashEscapes: 'never',
  hashIsNotComment: true,
  dollarIsNotQuote: true,
  bracketIdentifiers: false,
};
