import { postgresDialect } from '../postgres/postgres-dialect.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { redshiftFunctionList } from './redshift-function-list.js';

const postgresSystemRelations = postgresDialect.systemRelations;

/**
 * Amazon Redshift SQL: PostgreSQL 8.0 syntax, quoting, parser and denied functions, but a different
 * function set (GETDATE, DATEADD, LISTAGG; none of PostgreSQL's arrays or JSON operators) and its own
 * system tables (`pg_internal`, `stl_*`, `svv_*`, …); the prompt differences live in the notes.
 */
export const redshiftDialect: SqlDialectProfile = {
  ...postgresDialect,
  name: 'redshift',
  displayName: 'Amazon Redshift',
  promptNotesFile: 'redshift.md',
  // Redshift has no FETCH … WITH TIES, and reads `\'` in a string as an escaped quote where the
  // PostgreSQL grammar (standard strings) ends the string: `'\'' ; DROP …` would be one string to the guard.
  grammar: { parser: 'libpg-query', label: 'Redshift SQL (parsed with the PostgreSQL grammar)', limitWithTies: false },
  lexical: { ...postgresDialect.lexical, backslashEscapes: 'engine-only' },
  systemRelations: {
    ...postgresSystemRelations,
    schemas: [...postgresSystemRelations.schemas, 'pg_internal'],
    prefixes: [...postgresSystemRelations.prefixes, 'stl_', 'stv_', 'svl_', 'svv_', 'svcs_', 'stcs_', 'sys_'],
  },
  functionAllowList: redshiftFunctionList,
};
