import type { CatalogSource } from './catalog-types.js';
import type { OverlayFile } from './overlay-schema.js';
import { resolveDeclaredRelationships } from './declared-relationships.js';
import { crossSourceExampleWarnings } from './cross-source-example-check.js';

/**
 * What the overlays name that the catalog does not hold: a source that is not configured, a table
 * its source does not have, a column its table does not have. Each would be silently ignored, and a
 * misspelt `pii:` entry then protects nothing, so the refresh reports them. Tables of a source that
 * failed to load are not checked (its metadata may be stale), nor hidden tables, which are never
 * loaded. A relationship is reported when an end names what the catalog does not hold or a PII column,
 * a cross-source example when it names a source that is not configured.
 */
export function overlayReferenceWarnings(overlays: ReadonlyMap<string, OverlayFile>, sources: readonly CatalogSource[]): string[] {
  const warnings: string[] = [];
  const byName = new Map(sources.map((source) => [source.name, source]));
  for (const [sourceName, overlay] of overlays) {
    const source = byName.get(sourceName);
    if (source === undefined) {
      warnings.push(`overlay for source "${sourceName}": no such source is configured (known: ${[...byName.keys()].join(', ')})`);
      continue;
    }
    if (!source.status.healthy) continue;
    for (const [tableName, curated] of Object.entries(overlay.tables ?? {})) {
      if (curated.hidden === true) continue;
      const table = source.tables.find((candidate) => candidate.name.toLowerCase() === tableName.toLowerCase());
      if (table === undefined) {
        warnings.push(`overlay for source "${sourceName}": table "${tableName}" does not exist`);
        continue;
      }
      const columns = new Set(table.columns.map((column) => column.name.toLowerCase()));
      const named = [...(curated.pii ?? []), ...Object.keys(curated.columns ?? {})];
      for (const column of new Set(named)) {
        if (!columns.has(column.toLowerCase())) warnings.push(`overlay for source "${sourceName}": column "${tableName}.${column}" does not exist`);
      }
    }
  }
  return [...warnings, ...resolveDeclaredRelationships(overlays, sources).warnings, ...crossSourceExampleWarnings(overlays, sources)];
}
