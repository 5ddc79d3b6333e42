import type { SourceScope } from '../access/source-scope.js';
import type { CatalogSnapshot, CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { findFederatingSource } from '../sources/trino-federation.js';
import type { PipelineSources } from './pipeline-catalog.js';
import type { RouteDecision } from './route-stage.js';

/** A question spanning several sources, handed whole to a source whose engine reads them all. */
export interface FederatingHandoff extends RouteDecision {
  /** The sources the question spans, which the federating source reads through its catalogs. */
  readonly spannedSources: readonly string[];
}

/**
 * When a question needs several sources and one configured source (a Trino source with `federates:`)
 * reads them all, the question goes to that source as one query in its own dialect, with the routed
 * tables under the names its engine gives them; undefined when none does, when the client's key may
 * not use it, or when its catalog does not hold every routed table.
 */
export function handOffToFederatingSource(
  decision: RouteDecision,
  context: { readonly snapshot: CatalogSnapshot; readonly sources: PipelineSources; readonly scope: SourceScope },
): FederatingHandoff | undefined {
  const spanned = decision.federated;
  if (spanned === undefined) return undefined;
  const { snapshot, sources, scope } = context;
  const candidates = snapshot.sources.filter((source) => source.status.healthy && scope.allows(source.name));
  const federating = findFederatingSource(
    candidates.map((source) => ({ name: source.name, federates: sources.handle(source.name).federates })),
    spanned.map(({ source }) => source.name),
    spanned.flatMap(({ source, tables }) => tables.map((table) => `${source.name}.${table.name}`)),
  );
  const engine: CatalogSource | undefined = candidates.find((source) => source.name === federating?.source);
  if (federating === undefined || engine === undefined) return undefined;
  const byName = new Map(engine.tables.map((table) => [table.name.toLowerCase(), table]));
  const tables = [...federating.tableNames.values()].map((name) => byName.get(name));
  if (!tables.every((table): table is CatalogTable => table !== undefined)) return undefined;
  return { source: engine, tables, spannedSources: spanned.map(({ source }) => source.name) };
}
