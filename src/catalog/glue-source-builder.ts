import type { SourceHandle } from '../sources/source-handle.js';
import { curateTable, curatedSourceFields } from './catalog-builder.js';
import type { CatalogSource } from './catalog-types.js';
import type { GlueTable } from './glue-catalog-loader.js';
import type { OverlayFile } from './overlay-schema.js';
import { isHiddenTable, overlayTableFor } from './overlay-policy.js';

/**
 * A catalog source from Glue metadata plus its overlay. Glue holds no rows, so there are no
 * sample rows or distinct values; Glue column comments stand in where the overlay says nothing.
 */
export function buildGlueSource(
  source: Pick<SourceHandle, 'name' | 'kind' | 'dialect' | 'description'>,
  tables: GlueTable[],
  overlay: OverlayFile | undefined,
): CatalogSource {
  return {
    name: source.name,
    kind: source.kind,
    dialect: source.dialect,
    ...curatedSourceFields(source, overlay),
    tables: tables
      .filter((table) => !isHiddenTable(overlay, table.name))
      .map((table) => curateTable({ ...table, foreignKeys: [] }, overlayTableFor(overlay, table.name), [], new Map())),
    origin: 'glue',
    status: { healthy: true, loadedAt: new Date().toISOString() },
  };
}
