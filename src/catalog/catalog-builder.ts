import type { Connector, IntrospectedTable } from '../connectors/connector.js';
import { getDialect, requireSqlDialect } from '../dialects/dialect-registry.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { SourceHandle } from '../sources/source-handle.js';
import type { OverlayColumn, OverlayFile } from './overlay-schema.js';
import { overlayColumnFor, overlayTableFor, piiColumns, type OverlayTable } from './overlay-policy.js';
import type { CatalogColumn, CatalogSource, CatalogTable } from './catalog-types.js';
import { readDistinctValues } from './distinct-value-reader.js';
import { quoteTableName } from '../dialects/quote-table-name.js';

const sampleRowCount = 3;
const sampleValueLength = 80;

function renderSampleValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > sampleValueLength ? `${text.slice(0, sampleValueLength)}…` : text;
}

/** Sample rows read only the non-PII columns; PII cells are never fetched at all. `pii` holds lower-cased names. */
async function readSampleRows(connector: Connector, dialect: SqlDialect, table: IntrospectedTable, pii: Set<string>, timeoutMs: number): Promise<unknown[][]> {
  const readable = table.columns.filter((column) => !pii.has(column.name.toLowerCase()));
  if (readable.length === 0) return [];
  const columnList = readable.map((column) => dialect.quoteIdentifier(column.name)).join(', ');
  const sql = `SELECT ${columnList} FROM ${quoteTableName(dialect, table.name)} LIMIT ${sampleRowCount}`;
  const result = await connector.execute(sql, { maxRows: sampleRowCount, timeoutMs });
  // Re-align to all columns with PII cells left null so rows stay aligned with `columns`.
  return result.rows.map((row) => {
    let position = 0;
    return table.columns.map((column) => (pii.has(column.name.toLowerCase()) ? null : row[position++]));
  });
}

function columnOverlay(entry: OverlayColumn | undefined): { description?: string; values?: Record<string, string>; pii?: boolean } {
  if (entry === undefined) return {};
  return typeof entry === 'string' ? { description: entry } : entry;
}

/** Applies a table's overlay to introspected or Glue metadata (shared by every loader). */
export function curateTable(
  table: IntrospectedTable & { partitionKeys?: string[]; parameters?: Record<string, string> },
  curated: OverlayTable | undefined,
  sampleRows: unknown[][],
  distinctValues: Map<string, string[]>,
): CatalogTable {
  const pii = piiColumns(curated);
  const columns: CatalogColumn[] = table.columns.map((column, index) => {
    const overlay = columnOverlay(overlayColumnFor(curated, column.name));
    const description = overlay.description ?? column.comment;
    const isPii = pii.has(column.name.toLowerCase());
    const sampleValues = isPii
      ? []
      : [...new Set(sampleRows.map((row) => renderSampleValue(row[index])).filter((value): value is string => value !== undefined))];
    const distinct = isPii ? undefined : distinctValues.get(column.name);
    return {
      name: column.name,
      type: column.type,
      nullable: column.nullable,
      ...(description ? { description } : {}),
      ...(sampleValues.length > 0 ? { sampleValues } : {}),
      ...(distinct ? { distinctValues: distinct } : {}),
      ...(overlay.values ? { valueMeanings: overlay.values } : {}),
      ...(isPii ? { pii: true } : {}),
    };
  });
  const description = curated?.description ?? table.comment;
  return {
    name: table.name,
    ...(description ? { description } : {}),
    columns,
    sampleRows,
    foreignKeys: table.foreignKeys ?? [],
    ...(curated?.synonyms?.length ? { synonyms: curated.synonyms } : {}),
    ...(table.partitionKeys?.length ? { partitionKeys: table.partitionKeys } : {}),
    ...(table.parameters && Object.keys(table.parameters).length > 0 ? { parameters: table.parameters } : {}),
  };
}

/** Source-level overlay fields shared by every loader. */
export function curatedSourceFields(
  config: { description: string },
  overlay: OverlayFile | undefined,
): Pick<CatalogSource, 'description' | 'examples' | 'crossSourceExamples' | 'glossary' | 'allowedFunctions'> {
  return {
    description: overlay?.description ?? config.description,
    examples: overlay?.examples ?? [],
    ...(overlay?.crossSourceExamples?.length ? { crossSourceExamples: overlay.crossSourceExamples } : {}),
    ...(overlay?.glossary?.length ? { glossary: overlay.glossary } : {}),
    ...(overlay?.functions?.length ? { allowedFunctions: overlay.functions } : {}),
  };
}

/**
 * Builds one catalog source from live introspection, three sample rows per table, the distinct
 * values of low-cardinality columns and the curated overlay. Overlay descriptions win over engine
 * comments; hidden tables never reach a prompt; PII columns are never read.
 */
export async function buildCatalogSource(source: SourceHandle, overlay: OverlayFile | undefined): Promise<CatalogSource> {
  const { connector, timeoutMs } = source;
  const introspected = await connector.introspect();
  const tables: CatalogTable[] = [];
  for (const table of introspected) {
    const curated = overlayTableFor(overlay, table.name);
    if (curated?.hidden) continue;
    const pii = piiColumns(curated);
    // A source that documents its own samples (OpenAPI examples) is not queried while the catalog loads.
    const documented = table.sampleRows?.map((row) => row.map((value, index) => (pii.has(table.columns[index]?.name.toLowerCase() ?? '') ? null : value)));
    if (documented !== undefined) {
      tables.push(curateTable(table, curated, documented, new Map()));
      continue;
    }
    // Only SQL sources are sampled here: every REST operation documents its own examples.
    const dialect = getDialect(requireSqlDialect(source.dialect));
    const sampleRows = await readSampleRows(connector, dialect, table, pii, timeoutMs);
    const distinctValues = await readDistinctValues(connector, dialect, table, pii, timeoutMs);
    tables.push(curateTable(table, curated, sampleRows, distinctValues));
  }
  return {
    name: source.name,
    kind: source.kind,
    dialect: source.dialect,
    ...curatedSourceFields(source, overlay),
    tables,
    origin: 'introspection',
    status: { healthy: true, loadedAt: new Date().toISOString() },
  };
}
