import type { SourceHandle } from '../sources/source-handle.js';
import type { CatalogRelationship, CatalogSnapshot, CatalogSource } from './catalog-types.js';
import { relationshipPairKey, resolveDeclaredRelationships } from './declared-relationships.js';
import type { OverlayFile } from './overlay-schema.js';
import { suggestRelationships } from './relationship-suggester.js';
import { RelationshipValueProbe } from './relationship-value-probe.js';

/** What building a snapshot's relationships needs. */
export interface RelationshipBuildRequest {
  /** Overlays by source name. */
  readonly overlays: ReadonlyMap<string, OverlayFile>;
  /** The curated sources of the new snapshot. */
  readonly sources: readonly CatalogSource[];
  /** The configured sources' handles, through which suggestions read sampled values. */
  readonly handles: readonly SourceHandle[];
  /** The snapshot served now, whose suggestions involving a source that failed to load are kept. */
  readonly previous: CatalogSnapshot | undefined;
  /** Where a failed suggestion run is reported. */
  readonly logger: { warn(object: object, message?: string): void };
}

/**
 * The relationships of a new snapshot: the overlays' declared ones, then the suggested ones. A
 * suggestion needs both sources readable; one involving a source that failed to load this time is
 * kept from the snapshot served now, like that source's tables. Suggesting never fails a build.
 */
export async function buildCatalogRelationships(request: RelationshipBuildRequest): Promise<CatalogRelationship[]> {
  const { overlays, sources, handles, previous, logger } = request;
  const declared = resolveDeclaredRelationships(overlays, sources).relationships;
  let suggested: CatalogRelationship[] = [];
  try {
    suggested = await suggestRelationships(sources, RelationshipValueProbe.forSources(handles, sources), declared);
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'relationship suggestion failed; only declared relationships are served');
  }
  const unloaded = new Set(sources.filter((source) => !source.status.healthy).map((source) => source.name));
  const taken = new Set([...declared, ...suggested].map(relationshipPairKey));
  const kept = (previous?.relationships ?? []).filter(
    (relationship) =>
      relationship.origin === 'suggested' &&
      (unloaded.has(relationship.from.source) || unloaded.has(relationship.to.source)) &&
      sources.some((source) => source.name === relationship.from.source) &&
      sources.some((source) => source.name === relationship.to.source) &&
      !taken.has(relationshipPairKey(relationship)),
  );
  return [...declared, ...suggested, ...kept];
}
