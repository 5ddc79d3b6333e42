import type { CatalogTable } from '../../../catalog/catalog-types.js';

/**
 * The guard's `protectedColumns` for a set of catalog tables: each table's PII columns, keyed by table
 * name exactly as `allowedTables` names it. Tables without PII are left out.
 */
export function readProtectedColumns(tables: readonly CatalogTable[]): Record<string, string[]> {
  const protectedColumns: Record<string, string[]> = {};
  for (const table of tables) {
    const names = table.columns.filter((column) => column.pii === true).map((column) => column.name);
    if (names.length > 0) protectedColumns[table.name] = [...(protectedColumns[table.name] ?? []), ...names];
  }
  return protectedColumns;
}
