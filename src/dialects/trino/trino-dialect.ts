import { athenaDialect } from '../athena/athena-dialect.js';
import type { FunctionDenial } from '../function-denial.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { trinoFunctionList } from './trino-function-list.js';

const athenaSystemRelations = athenaDialect.systemRelations;

// Trino names a relation `catalog.schema.table`, and the `system` catalog's schemas (runtime: running
// queries and nodes; metadata: catalogs, comments, grants; jdbc: driver metadata) are reachable by
// their schema name alone when the session's catalog is `system`. Connectors over PostgreSQL and
// MySQL can expose those servers' own catalogs.
const trinoMetadataSchemas = ['jdbc', 'runtime', 'metadata', 'pg_catalog', 'performance_schema'];

const trinoDeniedFunctions: FunctionDenial = {
  rule: 'denied-function',
  why: 'exposes the session or reads a relation named in an argument',
  names: ['current_path', 'exclude_columns', 'table_changes'],
};

/**
 * Trino SQL. Athena engine 3 runs Trino, so the grammar, quoting, lexical facts and most functions
 * are Athena's; Trino adds three-part names (`catalog.schema.table`, which federated tables are
 * written as), the `system` catalog's metadata schemas and functions Athena leaves out. No schema is
 * a default: the connection's `schema` is the source's. The guard reads Trino with Athena's grammar
 * first, as for Athena, so a parse refusal names "Athena SQL".
 */
export const trinoDialect: SqlDialectProfile = {
  ...athenaDialect,
  name: 'trino',
  displayName: 'Trino',
  promptNotesFile: 'trino.md',
  defaultSchema: undefined,
  systemRelations: {
    ...athenaSystemRelations,
    schemas: [...athenaSystemRelations.schemas, ...trinoMetadataSchemas],
  },
  deniedFunctions: [...athenaDialect.deniedFunctions, trinoDeniedFunctions],
  functionAllowList: trinoFunctionList,
};
