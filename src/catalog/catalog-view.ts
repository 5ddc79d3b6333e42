import type { CatalogResponse, SourcesResponse } from '../schemas/catalog-schema.js';
import type { CatalogSource, CatalogTable } from './catalog-types.js';

/** One source as GET /sources lists it. */
export type SourceSummary = SourcesResponse['sources'][number];
/** One source as GET /catalog shows it. */
export type SourceView = CatalogResponse['sources'][number];
/** One table as GET /catalog shows it. */
export type TableView = SourceView['tables'][number];

/** A source's name, kind, dialect, description, table count and load state. */
export function summarizeSource(source: CatalogSource): SourceSummary {
  return { name: source.name, kind: source.kind, dialect: source.dialect, description: source.description, tableCount: source.tables.length, status: source.status };
}

/**
 * A table as clients see it: what the catalog knows of each column, but never a value of a PII
 * column (the overlay policy already drops them; this view does not rely on it).
 */
export function viewTable(table: CatalogTable): TableView {
  return {
    name: table.name,
    ...(table.description ? { description: table.description } : {}),
    columns: table.columns.map((column) => ({
      name: column.name,
      type: column.type,
      nullable: column.nullable,
      ...(column.description ? { description: column.description } : {}),
      ...(column.pii === true ? { pii: true } : column.sampleValues ? { sampleValues: column.sampleValues } : {}),
    })),
  };
}

/** A source with its tables and example questions. */
export function viewSource(source: CatalogSource): SourceView {
  return {
    name: source.name,
    kind: source.kind,
    dialect: source.dialect,
    description: source.description,
    status: source.status,
    tables: source.tables.map(viewTable),
    exampleQuestions: source.examples.map((example) => example.question),
  };
}
