import type { SqlDialect } from './sql-dialect.js';

/**
 * A table name as introspection reports it, quoted for SQL: each dot-separated part quoted on its
 * own, so a name qualified with its schema or catalog (`mysql.hr.employees`, a Trino source's
 * federated table) stays qualified instead of becoming one identifier with dots in it.
 */
export function quoteTableName(dialect: SqlDialect, name: string): string {
  return name
    .split('.')
    .map((part) => dialect.quoteIdentifier(part))
    .join('.');
}
