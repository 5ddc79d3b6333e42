import type { CatalogTable } from '../../../catalog/catalog-types.js';

/**
 * The guard's `tableColumns` for a set of catalog tables: every column of each table in ordinal order,
 * keyed by table name exactly as `allowedTables` names it, so the guard can trace the positional renames
 * of an alias column list (`FROM users AS u(a, b)`) to the base columns. A name that two catalog tables
 * share, or a column list naming one column twice (no engine allows that in one table, so the list was
 * merged from two), is left out: its order is not known, and the guard then refuses renames over it
 * whenever it has personal-data columns.
 */
export function readTableColumns(tables: readonly CatalogTable[]): Record<string, string[]> {
  const tableColumns: Record<string, string[]> = {};
  const untrusted = new Set<string>();
  for (const table of tables) {
    const names = table.columns.map((column) => column.name);
    const distinct = new Set(names.map((name) => name.toLowerCase()));
    if (Object.hasOwn(tableColumns, table.name) || distinct.size !== names.length) untrusted.add(table.name);
    tableColumns[table.name] = names;
  }
  for (const name of untrusted) delete tableColumns[name];
  return tableColumns;
}
