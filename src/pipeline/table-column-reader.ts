import type { CatalogTable } from '../catalog/catalog-types.js';

/**
 * The guard's `tableColumns` for a set of catalog tables: every column of each table in ordinal order,
 * keyed by table name exactly as `allowedTables` names it, so the guard can trace the positional renames
 * of an alias column list (`FROM users AS u(a, b)`) to the base columns. A name that two tables share
 * (one per attached catalog) is left out: its column order is not known, and the guard then refuses
 * renames over it whenever it has personal-data columns.
 */
export function readTableColumns(tables: readonly CatalogTable[]): Record<string, string[]> {
  const tableColumns: Record<string, string[]> = {};
  const shared = new Set<string>();
  for (const table of tables) {
    if (Object.hasOwn(tableColumns, table.name)) shared.add(table.name);
    tableColumns[table.name] = table.columns.map((column) => column.name);
  }
  for (const name of shared) delete tableColumns[name];
  return tableColumns;
}
