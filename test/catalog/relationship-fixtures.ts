import type { CatalogSource } from '../../src/catalog/catalog-types.js';
import { runStatements, withDuckDb } from '../../src/demo/demo-generator-support.js';

/** A healthy (unless said otherwise) DuckDB catalog source: table → column → type, with the named columns marked PII. */
export function catalogSourceOf(name: string, tables: Record<string, Record<string, string>>, options: { healthy?: boolean; pii?: string[] } = {}): CatalogSource {
  return {
    name,
    kind: 'duckdb',
    dialect: 'duckdb',
    description: name,
    examples: [],
    status: options.healthy === false ? { healthy: false, error: 'down' } : { healthy: true },
    tables: Object.entries(tables).map(([table, columns]) => ({
      name: table,
      columns: Object.entries(columns).map(([column, type]) => ({ name: column, type, nullable: true, ...(options.pii?.includes(column) ? { pii: true } : {}) })),
      sampleRows: [],
      foreignKeys: [],
    })),
  };
}

/** Creates a DuckDB database file holding what `statements` create. */
export async function createDuckDbFile(file: string, statements: readonly string[]): Promise<void> {
  await withDuckDb(file, (connection) => runStatements(connection, statements));
}
