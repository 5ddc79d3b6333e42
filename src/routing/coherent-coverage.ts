import type { CatalogSource } from '../catalog/catalog-types.js';
import type { MatchForm } from './term-impact-index.js';
import type { QueryTerm } from './text-terms.js';

/** Tables of one source looked at per question at most, so a source of thousands stays cheap. */
const maxTablesPerSource = 400;

/** One table's place in the catalog: its source and its foreign-key neighbours (table numbers). */
interface TableNode {
  /** Position of its source in the catalog's sources. */
  readonly sourceIndex: number;
  /** Table numbers of the tables it references or that reference it, within its source. */
  readonly neighbours: number[];
}

/**
 * How much of a question's vocabulary one table and the tables it joins cover, for the best such
 * neighbourhood of a source. Whole-source coverage rewards a big schema for terms scattered over
 * unrelated tables; a query reads one table and its joins, so that is where the terms must be.
 */
export class CoherentCoverage {
  readonly #nodes: TableNode[] = [];
  readonly #tablesBySource: number[][];
  /** term → table number → best field weight of the term in that table. */
  readonly #termTables = new Map<string, Map<number, number>>();

  constructor(sources: CatalogSource[]) {
    this.#tablesBySource = sources.map(() => []);
    sources.forEach((source, sourceIndex) => {
      const numbers = new Map<string, number>();
      for (const table of source.tables) {
        numbers.set(table.name, this.#nodes.length);
        this.#tablesBySource[sourceIndex]!.push(this.#nodes.length);
        this.#nodes.push({ sourceIndex, neighbours: [] });
      }
      for (const table of source.tables) {
        const number = numbers.get(table.name)!;
        for (const foreignKey of table.foreignKeys) {
          const referenced = numbers.get(foreignKey.referencedTable);
          if (referenced === undefined || referenced === number) continue;
          this.#nodes[number]!.neighbours.push(referenced);
          this.#nodes[referenced]!.neighbours.push(number);
        }
      }
    });
  }

  /** Records that `term` occurs in table `tableNumber` (tables are numbered in catalog order) with field weight `weight`. */
  add(tableNumber: number, term: string, weight: number): void {
    let perTable = this.#termTables.get(term);
    if (perTable === undefined) {
      perTable = new Map();
      this.#termTables.set(term, perTable);
    }
    if ((perTable.get(tableNumber) ?? 0) < weight) perTable.set(tableNumber, weight);
  }

  /**
   * Coverage (the same IDF-weighted sum whole-source coverage uses) of the best table neighbourhood
   * of each listed source. `sourceLevel` holds each term need's coverage by the source's own
   * description, which every table shares; `weightOf` gives a term's IDF times its share.
   */
  score(
    sourceIndexes: number[],
    terms: QueryTerm[],
    weightOf: (term: string) => number,
    formsOf: (term: QueryTerm) => MatchForm[],
    sourceLevel: (sourceIndex: number, need: number) => number,
  ): Map<number, number> {
    const best = new Map<number, number>();
    const tables = sourceIndexes.flatMap((sourceIndex) => this.#tablesBySource[sourceIndex]!.slice(0, maxTablesPerSource));
    const totals = new Float64Array(tables.length);
    const local = new Map<number, number>();
    terms.forEach((queryTerm, need) => {
      local.clear();
      for (const [candidate, share] of formsOf(queryTerm)) {
        const perTable = this.#termTables.get(candidate);
        if (perTable === undefined) continue;
        const idf = weightOf(candidate) * share;
        for (const [table, weight] of perTable) if (idf * weight > (local.get(table) ?? 0)) local.set(table, idf * weight);
      }
      // Once per source and need, not per table: a source may hold hundreds of tables.
      const levels = new Map(sourceIndexes.map((sourceIndex) => [sourceIndex, sourceLevel(sourceIndex, need)]));
      tables.forEach((table, position) => {
        const node = this.#nodes[table]!;
        let value = Math.max(local.get(table) ?? 0, levels.get(node.sourceIndex) ?? 0);
        for (const neighbour of node.neighbours) value = Math.max(value, local.get(neighbour) ?? 0);
        totals[position] = totals[position]! + value;
      });
    });
    tables.forEach((table, position) => {
      const sourceIndex = this.#nodes[table]!.sourceIndex;
      if (totals[position]! > (best.get(sourceIndex) ?? 0)) best.set(sourceIndex, totals[position]!);
    });
    return best;
  }
}
