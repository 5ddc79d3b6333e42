import type { SqlDialect } from '../sql-dialect.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';

/**
 * Snowflake SQL: double-quoted identifiers that are case-sensitive once quoted (unquoted ones fold
 * to upper case), `QUALIFY`, `DATEADD`, `IFF`, `ILIKE`; the details live in the prompt notes.
 */
export const snowflakeDialect: SqlDialect = {
  name: 'snowflake',
  displayName: 'Snowflake',
  promptNotesFile: 'snowflake.md',
  quoteIdentifier: quoteWithDoubleQuotes,
};
