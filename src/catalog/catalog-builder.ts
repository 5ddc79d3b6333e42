import type { Connector, IntrospectedTable } from '../connectors/connector.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { SourceConfig } from '../config/source-config.js';
import type { OverlayFile } from './overlay-schema.js';
import type { CatalogColumn, CatalogSource, CatalogTable } from './catalog-types.js';

const sampleRowCount = 3;
const sampleValueLength = 80;

function renderSampleValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > sampleValueLength ? `${text.slice(0, sampleValueLength)}…` : text;
}

async function readSampleRows(connector: Connector, dialect: SqlDialect, table: IntrospectedTable, timeoutMs: number): Promise<unknown[][]> {
  const columnList = table.columns.map((column) => dialect.quoteIdentifier(column.name)).join(', ');
  const sql = `SELECT ${columnList} FROM ${dialect.quoteIdentifier(table.name)} LIMIT ${sampleRowCount}`;
  const result = await connector.execute(sql, { maxRows: sampleRowCount, timeoutMs });
  return result.rows;
}

/**
 * Builds one catalog source from live introspection, three sample rows per table and the curated
 * overlay. Overlay descriptions win over engine comments; hidden tables never reach a prompt.
 */
export async function buildCatalogSource(
  config: SourceConfig,
  connector: Connector,
  dialect: SqlDialect,
  overlay: OverlayFile | undefined,
  timeoutMs: number,
): Promise<CatalogSource> {
  const introspected = await connector.introspect();
  const overlayTables = overlay?.tables ?? {};
  const tables: CatalogTable[] = [];
  for (const table of introspected) {
    const curated = overlayTables[table.name];
    if (curated?.hidden) continue;
    const sampleRows = await readSampleRows(connector, dialect, table, timeoutMs);
    const columns: CatalogColumn[] = table.columns.map((column, index) => {
      const description = curated?.columns?.[column.name] ?? column.comment;
      const sampleValues = [
        ...new Set(sampleRows.map((row) => renderSampleValue(row[index])).filter((value): value is string => value !== undefined)),
      ];
      return {
        name: column.name,
        type: column.type,
        nullable: column.nullable,
        ...(description ? { description } : {}),
        ...(sampleValues.length > 0 ? { sampleValues } : {}),
      };
    });
    const description = curated?.description ?? table.comment;
    tables.push({
      name: table.name,
      ...(description ? { description } : {}),
      columns,
      sampleRows,
      foreignKeys: table.foreignKeys ?? [],
    });
  }
  return {
    name: config.name,
    kind: config.kind,
    dialect: dialect.name,
    description: overlay?.description ?? config.description,
    tables,
    examples: overlay?.examples ?? [],
    status: { healthy: true, loadedAt: new Date().toISOString() },
  };
}
