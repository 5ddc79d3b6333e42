import type { CatalogColumn } from '../catalog/catalog-types.js';
import type { GuardRequest } from '../guard/sql-guard.js';
import type { FederatedSource } from './federated-plan-request.js';

/** One source table as the combine query names it. */
export interface CombineTable {
  /** `<source>.<table>`, as the model writes it. */
  readonly qualifiedName: string;
  /** Lower-case `qualifiedName`, the key references are matched by. */
  readonly key: string;
  /** The source. */
  readonly source: FederatedSource;
  /** The catalog table name within the source. */
  readonly table: string;
  /** Its catalog columns in ordinal order. */
  readonly columns: readonly CatalogColumn[];
}

/**
 * The tables of every source a federated query may read, by their source-qualified names. DuckDB,
 * like the guard, compares names case-insensitively, so references are matched on lower-case names.
 */
export class CombineTableIndex {
  readonly #tables = new Map<string, CombineTable>();

  constructor(sources: readonly FederatedSource[]) {
    for (const source of sources) {
      for (const table of source.tables) {
        const qualifiedName = `${source.name}.${table.name}`;
        const key = qualifiedName.toLowerCase();
        // A name listed twice (two catalog tables differing in case) is ambiguous to DuckDB: the first wins, as it would there.
        if (!this.#tables.has(key)) this.#tables.set(key, { qualifiedName, key, source, table: table.name, columns: table.columns });
      }
    }
  }

  /** Every table, in source and catalog order. */
  get tables(): CombineTable[] {
    return [...this.#tables.values()];
  }

  /** The table a relation reference (name parts outermost first, or joined with '.') names, if it is one of the sources' tables. */
  find(name: string | readonly string[]): CombineTable | undefined {
    return this.#tables.get((typeof name === 'string' ? name : name.join('.')).toLowerCase());
  }

  /** The guard's facts for the combine query: every table by its qualified name, with its PII columns and column order. */
  combineGuardFacts(): Pick<GuardRequest, 'allowedTables' | 'protectedColumns' | 'tableColumns'> {
    const protectedColumns: Record<string, string[]> = {};
    const tableColumns: Record<string, string[]> = {};
    for (const table of this.#tables.values()) {
      const pii = table.columns.filter((column) => column.pii === true).map((column) => column.name);
      if (pii.length > 0) protectedColumns[table.qualifiedName] = pii;
      const names = table.columns.map((column) => column.name);
      // A list naming one column twice was merged from two tables: its order is unknown (see readTableColumns).
      if (new Set(names.map((name) => name.toLowerCase())).size === names.length) tableColumns[table.qualifiedName] = names;
    }
    return { allowedTables: [...this.#tables.values()].map((table) => table.qualifiedName), protectedColumns, tableColumns };
  }
}
