import type { CatalogSource, CatalogTable } from './catalog-types.js';
import type { OverlayColumn, OverlayFile } from './overlay-schema.js';

/** One table's curation in an overlay. */
export type OverlayTable = NonNullable<OverlayFile['tables']>[string];

/** The entry of `record` for `name`: exactly first, then ignoring case. */
function entryFor<Entry>(record: Record<string, Entry> | undefined, name: string): Entry | undefined {
  if (record === undefined) return undefined;
  const exact = record[name];
  if (exact !== undefined) return exact;
  const folded = name.toLowerCase();
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === folded);
  return key === undefined ? undefined : record[key];
}

/**
 * The overlay entry of a table. Engines fold unquoted names differently (Snowflake upper-cases,
 * PostgreSQL lower-cases), so an entry written in another case still applies; an exact match wins.
 */
export function overlayTableFor(overlay: OverlayFile | undefined, tableName: string): OverlayTable | undefined {
  return entryFor(overlay?.tables, tableName);
}

/** The overlay entry of a column, matched like tables: exactly first, then ignoring case. */
export function overlayColumnFor(curated: OverlayTable | undefined, columnName: string): OverlayColumn | undefined {
  return entryFor(curated?.columns, columnName);
}

/**
 * PII columns of one table, lower-cased: listed under `pii:` or flagged on the column. Compared
 * ignoring case, so `pii: [email]` protects a Snowflake `EMAIL` column too: a PII mark that silently
 * missed its column would expose exactly what it was written to protect.
 */
export function piiColumns(curated: OverlayTable | undefined): Set<string> {
  const names = new Set((curated?.pii ?? []).map((name) => name.toLowerCase()));
  for (const [name, entry] of Object.entries(curated?.columns ?? {})) if (typeof entry === 'object' && entry.pii === true) names.add(name.toLowerCase());
  return names;
}

/** True when the overlay hides the table. */
export function isHiddenTable(overlay: OverlayFile | undefined, tableName: string): boolean {
  return overlayTableFor(overlay, tableName)?.hidden === true;
}

/** A table with its PII columns marked and every sampled or distinct value of them removed. */
function withoutPiiValues(table: CatalogTable, pii: Set<string>): CatalogTable {
  const protectedPositions = new Set<number>();
  const columns = table.columns.map((column, position) => {
    if (column.pii !== true && !pii.has(column.name.toLowerCase())) return column;
    protectedPositions.add(position);
    const { sampleValues: _sampleValues, distinctValues: _distinctValues, ...kept } = column;
    return { ...kept, pii: true };
  });
  if (protectedPositions.size === 0) return table;
  const sampleRows = table.sampleRows.map((row) => row.map((value, position) => (protectedPositions.has(position) ? null : value)));
  return { ...table, columns, sampleRows };
}

/**
 * Applies the overlay's protective rules (hidden tables, PII columns) to a source, whatever built it:
 * a fresh load, metadata kept from an earlier load because this one failed, or a snapshot persisted
 * by an earlier run. Those were curated under an older overlay; a column marked PII since then must
 * lose its sampled values now, not after the next successful load. A foreign key into a hidden table
 * is dropped too, or the prompt would name the hidden table beside the key column. Earlier PII marks
 * stay: stale metadata never regains values it was stripped of.
 */
export function applyOverlayPolicy(source: CatalogSource, overlay: OverlayFile | undefined): CatalogSource {
  if (overlay?.tables === undefined) return source;
  const tables = source.tables
    .filter((table) => !isHiddenTable(overlay, table.name))
    .map((table) => {
      const visible = table.foreignKeys.filter((foreignKey) => !isHiddenTable(overlay, foreignKey.referencedTable));
      const curated = visible.length === table.foreignKeys.length ? table : { ...table, foreignKeys: visible };
      return withoutPiiValues(curated, piiColumns(overlayTableFor(overlay, table.name)));
    });
  return { ...source, tables };
}
