import type { SqlDialect } from '../sql-dialect.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';

/** SQLite SQL (as run by sql.js): dynamic typing, dates as text, strftime for date parts. */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  displayName: 'SQLite',
  promptNotesFile: 'sqlite.md',
  quoteIdentifier: quoteWithDoubleQuotes,
};
