import type { CatalogSource } from '../catalog/catalog-types.js';
import type { CrossSourceJoins } from './cross-source-joins.js';
import type { ScoredTable } from './retrieval-result.js';

/** A neighbour keeps this share of the score of the matched table it joins. */
const neighbourShare = 0.5;
/** A table that references two or more matched tables (a bridge / join table) keeps this share of the weaker one. */
const bridgeShare = 0.9;

interface Adjacency {
  /** Tables this table references. */
  readonly references: Set<string>;
  /** Tables that reference this table. */
  readonly referencedBy: Set<string>;
  /** Both directions, deduplicated, filled once the graph is built (expansion runs per question). */
  neighbours: string[];
}

function key(source: string, table: string): string {
  return `${source}\u0000${table}`;
}

/**
 * The foreign-key graph of the catalog, built once per snapshot, used to pull in neighbours of
 * matched tables so join tables are not lost: a question about "singers in concerts" matches
 * `singer` and `concert` but needs `singer_in_concert` too. A cross-source relationship pulls in the
 * joined table of the other source the same way: a question about claims and their adjusters' hire
 * dates matches `claims` but needs `hr.employees`.
 */
export class ForeignKeyGraph {
  readonly #adjacency = new Map<string, Adjacency>();
  readonly #crossSource: CrossSourceJoins | undefined;

  constructor(sources: CatalogSource[], crossSource?: CrossSourceJoins) {
    this.#crossSource = crossSource;
    for (const source of sources) {
      const names = new Set(source.tables.map((table) => table.name));
      for (const table of source.tables) this.#node(source.name, table.name);
      for (const table of source.tables) {
        for (const foreignKey of table.foreignKeys) {
          if (!names.has(foreignKey.referencedTable) || foreignKey.referencedTable === table.name) continue;
          this.#node(source.name, table.name).references.add(foreignKey.referencedTable);
          this.#node(source.name, foreignKey.referencedTable).referencedBy.add(table.name);
        }
      }
    }
    for (const node of this.#adjacency.values()) node.neighbours = [...new Set([...node.references, ...node.referencedBy])];
  }

  #node(source: string, table: string): Adjacency {
    let node = this.#adjacency.get(key(source, table));
    if (node === undefined) {
      node = { references: new Set(), referencedBy: new Set(), neighbours: [] };
      this.#adjacency.set(key(source, table), node);
    }
    return node;
  }

  /** Matched tables plus their neighbours, best first; matched scores are never lowered. */
  expand(matched: ScoredTable[]): ScoredTable[] {
    const scores = new Map(matched.map((table) => [key(table.source, table.table), table]));
    const result = new Map(scores);
    const scoreOf = (source: string, table: string) => scores.get(key(source, table))?.score ?? 0;
    const offer = (source: string, table: string, score: number) => {
      const current = result.get(key(source, table));
      if (current !== undefined && current.score >= score) return;
      // A matched table raised as a bridge keeps the terms it matched.
      result.set(key(source, table), current === undefined ? { source, table, score, reason: 'foreign-key' } : { ...current, score });
    };
    for (const table of matched) {
      for (const joined of this.#crossSource?.neighbours(table.source, table.table) ?? []) offer(joined.source, joined.table, neighbourShare * table.score);
      const node = this.#adjacency.get(key(table.source, table.table));
      if (node === undefined) continue;
      for (const neighbour of node.neighbours) {
        offer(table.source, neighbour, neighbourShare * table.score);
        // A bridge joins two matched tables: nearly as relevant as the weaker of them.
        const bridge = this.#adjacency.get(key(table.source, neighbour));
        if (bridge === undefined || bridge.references.size < 2) continue;
        let best = 0;
        let second = 0;
        for (const name of bridge.references) {
          const score = scoreOf(table.source, name);
          if (score > best) [best, second] = [score, best];
          else if (score > second) second = score;
        }
        if (second > 0) offer(table.source, neighbour, bridgeShare * second);
      }
    }
    return [...result.values()].sort((left, right) => right.score - left.score);
  }
}
