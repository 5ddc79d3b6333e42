import type { CatalogRelationship, CatalogSource } from '../catalog/catalog-types.js';

/** A table of one source. */
export interface SourceTable {
  /** Source name. */
  readonly source: string;
  /** Table name as the catalog spells it. */
  readonly table: string;
}

/** A join key between tables of two sources: `from` holds values of `to`. */
export interface CrossSourceJoin {
  /** The referencing table. */
  readonly from: SourceTable;
  /** The referenced table. */
  readonly to: SourceTable;
}

const key = (source: string, table: string) => `${source}\u0000${table}`;

/**
 * The catalog's cross-source relationships (declared in overlays or suggested at catalog build) as a
 * join graph between tables of different sources, built once per snapshot. A relationship whose end
 * is a table the catalog does not show (hidden, or its source not loaded) joins nothing routing can
 * hand over, and is left out.
 */
export class CrossSourceJoins {
  readonly #joins: CrossSourceJoin[] = [];
  readonly #byTable = new Map<string, SourceTable[]>();
  readonly #partners = new Map<string, Set<string>>();

  constructor(sources: readonly CatalogSource[], relationships: readonly CatalogRelationship[] = []) {
    const tables = new Map<string, SourceTable>();
    for (const source of sources) for (const table of source.tables) tables.set(key(source.name, table.name).toLowerCase(), { source: source.name, table: table.name });
    for (const relationship of relationships) {
      const from = tables.get(key(relationship.from.source, relationship.from.table).toLowerCase());
      const to = tables.get(key(relationship.to.source, relationship.to.table).toLowerCase());
      if (from === undefined || to === undefined || from.source === to.source) continue;
      this.#joins.push({ from, to });
      for (const [end, other] of [[from, to], [to, from]] as const) {
        const list = this.#byTable.get(key(end.source, end.table)) ?? [];
        if (!list.some((item) => item.source === other.source && item.table === other.table)) list.push(other);
        this.#byTable.set(key(end.source, end.table), list);
        this.#partners.set(end.source, (this.#partners.get(end.source) ?? new Set()).add(other.source));
      }
    }
  }

  /** True when no two shown tables of different sources are joined. */
  get isEmpty(): boolean {
    return this.#joins.length === 0;
  }

  /** Tables of other sources joined to this table. */
  neighbours(source: string, table: string): readonly SourceTable[] {
    return this.#byTable.get(key(source, table)) ?? [];
  }

  /** Sources joined to this source by at least one relationship. */
  partners(source: string): ReadonlySet<string> {
    return this.#partners.get(source) ?? new Set();
  }

  /** The joins whose two ends both lie in the given sources. */
  among(sources: ReadonlySet<string>): CrossSourceJoin[] {
    return this.#joins.filter((join) => sources.has(join.from.source) && sources.has(join.to.source));
  }
}
