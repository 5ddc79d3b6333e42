import type { SqlDialect } from '../sql-dialect.js';
import { postgresDialect } from '../postgres/postgres-dialect.js';

/**
 * Amazon Redshift SQL: PostgreSQL 8.0 syntax and quoting, but a different function set
 * (GETDATE, DATEADD, LISTAGG) and none of PostgreSQL's arrays or JSON operators; the
 * differences live in the prompt notes.
 */
export const redshiftDialect: SqlDialect = {
  ...postgresDialect,
  name: 'redshift',
  displayName: 'Amazon Redshift',
  promptNotesFile: 'redshift.md',
};
