import { connectorModules } from '../connectors/connector-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SourceConfig } from './source-config.js';

/** A configured source as federation sees it (a SourceHandle is one). */
export interface FederationSource {
  /** Source name. */
  readonly name: string;
  /**
   * Every source whose tables this source's engine reads itself → the engine's `catalog.schema`
   * holding them, the source's own schema included; empty for a source that federates nothing.
   */
  readonly federates: ReadonlyMap<string, string>;
}

/** A source that can answer a question spanning several sources as one query. */
export interface FederatingSource {
  /** Name of the federating (Trino) source the query goes to. */
  readonly source: string;
  /** Each given `source.table` → the table's name in the federating engine, `catalog.schema.table`. */
  readonly tableNames: Map<string, string>;
  /** Each spanned source → the engine's `catalog.schema` holding its tables, to name tables not given. */
  readonly catalogs: ReadonlyMap<string, string>;
}

/**
 * What a configured source federates: its `connection.federates` (source → `catalog.schema`) plus its
 * own `catalog.schema`, lower-case as Trino names them; empty when it declares no `federates`.
 */
export function federatedCatalogsOf(config: Pick<SourceConfig, 'name' | 'connection'>): ReadonlyMap<string, string> {
  const connection = config.connection;
  if (!('federates' in connection) || connection.federates === undefined) return new Map();
  const catalogs = new Map<string, string>([[config.name, `${connection.catalog}.${connection.schema}`.toLowerCase()]]);
  for (const [source, catalogSchema] of Object.entries(connection.federates)) catalogs.set(source, catalogSchema.toLowerCase());
  return catalogs;
}

/**
 * Checks every `federates:` entry at start-up: it must name another configured source, and one that
 * is SQL (a REST API is no catalog the engine could read). SWY_ERR_CONFIG_INVALID says what to change.
 */
export function assertFederationValid(sources: readonly SourceConfig[], file: string): void {
  const kinds = new Map(sources.map((source) => [source.name, source.kind]));
  for (const source of sources) {
    const connection = source.connection;
    if (!('federates' in connection) || connection.federates === undefined) continue;
    for (const federated of Object.keys(connection.federates)) {
      const invalid = (problem: string) =>
        new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${file}: source "${source.name}" ${problem}`, { details: { file, source: source.name, federated } });
      if (federated === source.name) throw invalid(`lists itself under federates; its own tables need no entry, so remove "${federated}"`);
      const kind = kinds.get(federated);
      if (kind === undefined) throw invalid(`federates unknown source "${federated}"; name a source defined in sources.yaml, or remove the entry`);
      if (connectorModules.find((module) => module.kind === kind)?.requestLanguage !== 'sql') {
        throw invalid(`federates "${federated}", which is a ${kind} source and no catalog its engine can read; remove the entry`);
      }
    }
  }
}

/**
 * How the federating engine names a source's table: an unqualified table is in the source's
 * `catalog.schema`, a schema-qualified one in that catalog, a catalog-qualified one (the federating
 * source's own federated tables) as it is.
 */
function federatedTableName(catalogSchema: string, table: string): string {
  const parts = table.toLowerCase().split('.');
  if (parts.length >= 3) return parts.join('.');
  if (parts.length === 2) return `${catalogSchema.split('.')[0]}.${parts.join('.')}`;
  return `${catalogSchema}.${parts[0]}`;
}

/**
 * The first source (in configuration order) whose engine reads every source a question spans, with
 * the engine's name for each of its tables; undefined when none federates them all. The spanned
 * sources are `sourceNames` and those of `sourceTables` (each `source.table`, the source first).
 */
export function findFederatingSource(
  sources: readonly FederationSource[],
  sourceNames: readonly string[],
  sourceTables: readonly string[] = [],
): FederatingSource | undefined {
  const spanned = new Set([...sourceNames, ...sourceTables.map((qualified) => qualified.split('.')[0] ?? '')]);
  if (spanned.size === 0) return undefined;
  const federating = sources.find((source) => [...spanned].every((name) => source.federates.has(name)));
  if (federating === undefined) return undefined;
  const tableNames = new Map<string, string>();
  for (const qualified of sourceTables) {
    const separator = qualified.indexOf('.');
    if (separator < 0) continue;
    const catalogSchema = federating.federates.get(qualified.slice(0, separator))!;
    tableNames.set(qualified, federatedTableName(catalogSchema, qualified.slice(separator + 1)));
  }
  const catalogs = new Map([...spanned].map((name) => [name, federating.federates.get(name)!]));
  return { source: federating.name, tableNames, catalogs };
}
