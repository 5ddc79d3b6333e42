import type { SqlDialect } from '../sql-dialect.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';

/** PostgreSQL SQL. */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  displayName: 'PostgreSQL',
  promptNotesFile: 'postgres.md',
  quoteIdentifier: quoteWithDoubleQuotes,
};
