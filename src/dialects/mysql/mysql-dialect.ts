import type { SqlDialect } from '../sql-dialect.js';
import { quoteWithBackticks } from '../quote-identifier.js';

/** MySQL / MariaDB / Aurora MySQL SQL: backtick identifiers, MySQL date functions. */
export const mySqlDialect: SqlDialect = {
  name: 'mysql',
  displayName: 'MySQL',
  promptNotesFile: 'mysql.md',
  quoteIdentifier: quoteWithBackticks,
};
