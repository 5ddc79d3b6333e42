import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';

/** The searchable text of one table, by field; field weights differ (names beat prose). */
export interface RoutingDocument {
  /** Position in the retriever's table list. */
  readonly id: number;
  /** Table name words, synonyms and the Glue/engine classification. */
  readonly name: string;
  /** Column names. */
  readonly columns: string;
  /** Table and column descriptions, value meanings and glossary entries that name the table. */
  readonly text: string;
  /** Sampled and distinct values of non-PII columns. */
  readonly values: string;
}

/** Glossary entries apply to the tables they name, or to every table of the source when they name none. */
function glossaryText(source: CatalogSource, table: CatalogTable): string {
  return (source.glossary ?? [])
    .filter((entry) => entry.tables === undefined || entry.tables.length === 0 || entry.tables.includes(table.name))
    .map((entry) => `${entry.term} ${entry.definition}`)
    .join(' ');
}

/** Builds the routing document of one table; PII column values never enter the index. */
export function buildRoutingDocument(id: number, source: CatalogSource, table: CatalogTable): RoutingDocument {
  const columnText = table.columns
    .map((column) => [column.description ?? '', ...Object.entries(column.valueMeanings ?? {}).map(([value, meaning]) => `${value} ${meaning}`)].join(' '))
    .join(' ');
  const values = table.columns
    .filter((column) => column.pii !== true)
    .flatMap((column) => [...(column.distinctValues ?? []), ...(column.sampleValues ?? [])])
    .filter((value) => value.length <= 60)
    .join(' ');
  return {
    id,
    name: [table.name, ...(table.synonyms ?? [])].join(' '),
    columns: table.columns.map((column) => column.name).join(' '),
    text: [table.description ?? '', columnText, glossaryText(source, table)].join(' '),
    values,
  };
}
