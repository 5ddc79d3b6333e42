import fs from 'node:fs/promises';
import type { CatalogSource, CatalogTable } from '../src/catalog/catalog-types.js';

/** One database of a Spider / BIRD `tables.json` file. */
export interface SpiderSchema {
  /** Database id. */
  readonly db_id: string;
  /** Table names as written in SQL. */
  readonly table_names_original: string[];
  /** Readable table names. */
  readonly table_names: string[];
  /** [table index, column name] as written in SQL; index -1 is the `*` pseudo-column. */
  readonly column_names_original: [number, string][];
  /** [table index, readable column name]. */
  readonly column_names: [number, string][];
  /** Column types aligned with the column lists. */
  readonly column_types: string[];
  /** [column index, referenced column index] pairs. */
  readonly foreign_keys: [number, number][];
}

/** A benchmark question with its gold answer (used only to score, never to build the index). */
export interface BenchmarkQuestion {
  /** Question text. */
  readonly question: string;
  /** BIRD's evidence hint, when present. */
  readonly evidence?: string;
  /** Gold database id. */
  readonly databaseId: string;
  /** Gold SQL. */
  readonly sql: string;
}

function readable(original: string, display: string): string | undefined {
  return display.toLowerCase().replace(/\s+/g, '') === original.toLowerCase().replace(/[_\s]+/g, '') ? undefined : display;
}

/** Converts tables.json schemas into catalog sources: names, types, readable names and foreign keys only. */
export function schemasToSources(schemas: SpiderSchema[]): CatalogSource[] {
  return schemas.map((schema) => {
    const tables: CatalogTable[] = schema.table_names_original.map((name, tableIndex) => {
      const columnIndexes = schema.column_names_original.map((column, index) => ({ column, index })).filter(({ column }) => column[0] === tableIndex);
      const description = readable(name, schema.table_names[tableIndex] ?? name);
      return {
        name,
        ...(description ? { description } : {}),
        columns: columnIndexes.map(({ column, index }) => {
          const display = readable(column[1], schema.column_names[index]?.[1] ?? column[1]);
          return { name: column[1], type: schema.column_types[index] ?? 'text', nullable: true, ...(display ? { description: display } : {}) };
        }),
        sampleRows: [],
        foreignKeys: schema.foreign_keys
          .filter(([from]) => schema.column_names_original[from]?.[0] === tableIndex)
          .map(([from, to]) => {
            const target = schema.column_names_original[to]!;
            return { column: schema.column_names_original[from]![1], referencedTable: schema.table_names_original[target[0]] ?? '', referencedColumn: target[1] };
          }),
      };
    });
    return { name: schema.db_id, kind: 'sqlite', dialect: 'duckdb', description: schema.db_id.replace(/_/g, ' '), tables, examples: [], status: { healthy: true } };
  });
}

/** Reads a JSON file. */
export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
}

/** Tables named after FROM / JOIN in gold SQL, matched case-insensitively against the database's tables. */
export function goldTables(sql: string, tableNames: string[]): string[] {
  const lower = new Map(tableNames.map((name) => [name.toLowerCase(), name]));
  const found = new Set<string>();
  for (const match of sql.matchAll(/\b(?:from|join)\s+(`[^`]+`|"[^"]+"|\[[^\]]+\]|[\w$]+)/gi)) {
    const name = match[1]!.replace(/^[`"[]|[`"\]]$/g, '').toLowerCase();
    const table = lower.get(name);
    if (table) found.add(table);
  }
  // Comma joins: FROM a AS t1, b AS t2
  for (const match of sql.matchAll(/,\s*([\w$]+)\s+(?:as\s+)?t\d\b/gi)) {
    const table = lower.get(match[1]!.toLowerCase());
    if (table) found.add(table);
  }
  return [...found];
}
