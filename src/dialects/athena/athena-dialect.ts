import type { SqlDialect } from '../sql-dialect.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';

/**
 * Amazon Athena (engine v3) SQL, which is Trino SQL: double-quoted identifiers, `date_add`,
 * `date_trunc`, `approx_distinct`, no `ILIKE`; the differences live in the prompt notes.
 */
export const athenaDialect: SqlDialect = {
  name: 'athena',
  displayName: 'Amazon Athena (Trino SQL)',
  promptNotesFile: 'athena.md',
  quoteIdentifier: quoteWithDoubleQuotes,
};
