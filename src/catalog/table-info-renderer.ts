import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { CatalogSource, CatalogTable } from './catalog-types.js';
import { renderCsv } from '../rendering/csv-renderer.js';
import { cutCellForPrompt } from '../rendering/prompt-cell-cutter.js';
import { quoteTableName } from '../dialects/quote-table-name.js';

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Value hints for the prompt: coded value meanings, or the full list of a low-cardinality column. */
function valueHint(column: CatalogTable['columns'][number]): string {
  const meanings = Object.entries(column.valueMeanings ?? {});
  if (meanings.length > 0) return ` (values: ${meanings.map(([value, meaning]) => `${value} = ${meaning}`).join('; ')})`;
  if (column.distinctValues?.length) return ` (values: ${column.distinctValues.join(', ')})`;
  return '';
}

/**
 * How much of each table a schema rendering shows, from everything down to bare DDL: what a prompt
 * sheds, in this order, when the whole schema does not fit its token budget.
 */
export const schemaDetailLevels = [
  { sampleRows: Number.POSITIVE_INFINITY, valueLists: true, comments: true },
  { sampleRows: 1, valueLists: true, comments: true },
  { sampleRows: 0, valueLists: true, comments: true },
  { sampleRows: 0, valueLists: false, comments: true },
  { sampleRows: 0, valueLists: false, comments: false },
] as const;

/** One level of schema detail. */
export type SchemaDetail = (typeof schemaDetailLevels)[number];

/** DDL of one table with column descriptions as comments, in the dialect's quoting. PII columns are never shown. */
export function renderTableDdl(table: CatalogTable, dialect: SqlDialect, detail: SchemaDetail = schemaDetailLevels[0]): string {
  const shown = table.columns.filter((column) => column.pii !== true);
  const lines = shown.map((column, index) => {
    const separator = index < shown.length - 1 ? ',' : '';
    // Curated value meanings stay as long as comments do: they are what the codes mean, not samples.
    const hint = detail.valueLists || Object.keys(column.valueMeanings ?? {}).length > 0 ? valueHint(column) : '';
    const text = detail.comments ? `${column.description ?? ''}${hint}`.trim() : '';
    const comment = text ? ` -- ${singleLine(text)}` : '';
    return `  ${dialect.quoteIdentifier(column.name)} ${column.type}${column.nullable ? '' : ' NOT NULL'}${separator}${comment}`;
  });
  const header = table.description && detail.comments ? `-- ${singleLine(table.description)}\n` : '';
  const keys = table.foreignKeys.map((key) => `-- ${key.column} references ${key.referencedTable}(${key.referencedColumn})`);
  if (table.partitionKeys?.length) keys.push(`-- partitioned by ${table.partitionKeys.join(', ')}: filter on them to read less`);
  return `${header}CREATE TABLE ${quoteTableName(dialect, table.name)} (\n${lines.join('\n')}\n);${keys.length ? `\n${keys.join('\n')}` : ''}`;
}

/**
 * Schema text for the SQL prompts: each table's DDL followed by its sample rows as CSV (the
 * "schema plus three rows" representation of Rajkumar et al. 2022 that the reference flow uses).
 */
export function renderSchemaWithSamples(tables: CatalogTable[], dialect: SqlDialect, detail: SchemaDetail = schemaDetailLevels[0]): string {
  // Full detail is what nearly every question renders; only that is worth keeping beside the table.
  if (detail === schemaDetailLevels[0]) return tables.map((table) => remembered(schemaBlocks, table, dialect, () => renderSchemaBlock(table, dialect, detail))).join('\n\n');
  return tables.map((table) => renderSchemaBlock(table, dialect, detail)).join('\n\n');
}

function renderSchemaBlock(table: CatalogTable, dialect: SqlDialect, detail: SchemaDetail): string {
  const ddl = renderTableDdl(table, dialect, detail);
  const rows = table.sampleRows.slice(0, detail.sampleRows);
  if (rows.length === 0) return ddl;
  const shown = table.columns.map((column, index) => ({ column, index })).filter(({ column }) => column.pii !== true);
  const csv = renderCsv(
    shown.map(({ column }) => column.name),
    rows.map((row) => shown.map(({ index }) => cutCellForPrompt(row[index]))),
  );
  return `${ddl}\n/* ${rows.length} example rows from ${table.name}:\n${csv.replaceAll('*/', '* /')}\n*/`;
}

/**
 * Snapshot tables are immutable and live until the next catalog refresh, yet every question renders
 * the same few of them again; their text is kept beside them (weakly, so an old snapshot's text goes
 * with it) instead of being rebuilt per question.
 */
const schemaBlocks = new WeakMap<CatalogTable, WeakMap<SqlDialect, string>>();
const routingLines = new WeakMap<CatalogTable, string>();

function remembered(cache: WeakMap<CatalogTable, WeakMap<SqlDialect, string>>, table: CatalogTable, dialect: SqlDialect, render: () => string): string {
  let byDialect = cache.get(table);
  if (byDialect === undefined) {
    byDialect = new WeakMap();
    cache.set(table, byDialect);
  }
  let text = byDialect.get(dialect);
  if (text === undefined) {
    text = render();
    byDialect.set(dialect, text);
  }
  return text;
}

function routingLine(table: CatalogTable): string {
  let line = routingLines.get(table);
  if (line === undefined) {
    const description = table.description ? ` — ${singleLine(table.description)}` : '';
    line = `  - ${table.name}(${table.columns.filter((column) => column.pii !== true).map((column) => column.name).join(', ')})${description}`;
    routingLines.set(table, line);
  }
  return line;
}

/** The compact catalog used for routing: each source's domain, then its tables and column names. */
export function renderRoutingCatalog(sources: CatalogSource[]): string {
  return sources
    .map((source) => {
      const tables = source.tables.map(routingLine);
      return `source: ${source.name} (${source.dialect}) — ${singleLine(source.description)}\n${tables.join('\n')}`;
    })
    .join('\n\n');
}
