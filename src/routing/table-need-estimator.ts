import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import type { CandidateTable } from './candidate-table.js';
import { withInferredForeignKeys } from './inferred-foreign-keys.js';

/** A matched table's chance of being needed grows with the square of its score relative to its source's best. */
const needExponent = 2;
/** A table reached only by foreign key is needed about half as often as a matched one at the same score. */
const foreignKeyNeed = 0.5;
/** A table the question did not reach at all is rarely needed; this still completes a likely small source. */
const sameSourceNeed = 0.005;
/** Tables of one source looked at beyond the hand-over limit, so a strong foreign-key table deep in the list is not missed. */
const orderedTablesPerSlot = 4;
/**
 * A matched table that covers this share or more of the question term weight its source's earlier
 * tables left uncovered (and some matched table of the source covers) is taken as surely needed; a
 * smaller share counts proportionally. Table-set recall is flat for values from 1 to 8 (≤ 0.2
 * points); 3 is the middle of that range on a log scale.
 */
const uncoveredShareForCertainty = 3;
/**
 * A matched table whose terms earlier tables already cover keeps this share of its score-based
 * need: it may still be read (a second table holding the same word), but it is often a duplicate
 * match. Recall is flat within 0.4 points from 0.25 to 0.75; 0.5 is the middle.
 */
const redundantShare = 0.5;
/**
 * A table joining two tables that cover question terms, which do not join directly, is needed this
 * share as often as the less needed of them: the query cannot read both without it. Recall is flat
 * within 0.2 points from 0.5 to 1; 0.75 is the middle.
 */
const bridgeShare = 0.75;

/** A source's table as retrieval reached it, with the question terms it matched. */
export interface ReachedTable extends CandidateTable {
  /** Positions (in the question's term weights) of the question terms it matched; empty when none or unknown. */
  readonly matchedTerms: readonly number[];
}

/** One candidate source's tables in hand-over order, with the chance that each is needed. */
export interface SourceTables {
  /** Tables, best first. */
  readonly tables: ReachedTable[];
  /** Chance that the question needs each table, aligned with `tables`. */
  readonly needs: number[];
}

const catalogIndexes = new WeakMap<CatalogSource, Map<string, CatalogTable>>();

/** A source's tables by name, built once per catalog source object rather than per question. */
function tablesByName(source: CatalogSource): Map<string, CatalogTable> {
  let index = catalogIndexes.get(source);
  if (index === undefined) {
    index = new Map(source.tables.map((table) => [table.name, table]));
    catalogIndexes.set(source, index);
  }
  return index;
}

/** Chance that a question about this source needs a table, from how and how strongly it was reached. */
function scoreNeed(table: ReachedTable, bestScore: number): number {
  if (table.reason === 'same-source' || bestScore <= 0) return sameSourceNeed;
  const relative = Math.min(1, table.score / bestScore) ** needExponent;
  return table.reason === 'foreign-key' ? foreignKeyNeed * relative : relative;
}

/** Foreign-key neighbours among the given tables only: the few a question reached, not the whole source. */
function joins(tables: ReachedTable[], source: CatalogSource): Map<string, Set<string>> {
  const catalogTables = tablesByName(withInferredForeignKeys(source));
  const neighbours = new Map<string, Set<string>>(tables.map((table) => [table.table, new Set<string>()]));
  for (const table of tables) {
    for (const foreignKey of catalogTables.get(table.table)?.foreignKeys ?? []) {
      if (foreignKey.referencedTable === table.table || !neighbours.has(foreignKey.referencedTable)) continue;
      neighbours.get(table.table)!.add(foreignKey.referencedTable);
      neighbours.get(foreignKey.referencedTable)!.add(table.table);
    }
  }
  return neighbours;
}

/**
 * A source's tables in hand-over order with the chance that each is needed, as a greedy set cover
 * of the question's terms. Its best scored table comes first (it is what ranked the source); then,
 * one at a time, the table most likely needed given those before it. A matched table is needed
 * when it covers (IDF-weighted) question terms the earlier tables do not: a question naming
 * customers and orders reads both tables even when one scores far lower, while a weaker table
 * matching the same words as a stronger one is often a duplicate. A table joining two covering
 * tables that do not join directly is needed with them. Scores alone underrate second tables:
 * most questions read more than one. Unscored tables only as many as could be handed over.
 */
export function orderSourceTables(scored: ReachedTable[], source: CatalogSource, maxTables: number, termWeights: readonly number[]): SourceTables {
  const considered = scored.slice(0, maxTables * orderedTablesPerSlot);
  const seen = new Set(scored.map((table) => table.table));
  let unscored = 0;
  for (const table of source.tables) {
    if (unscored >= maxTables) break;
    if (seen.has(table.name)) continue;
    considered.push({ table: table.name, score: 0, reason: 'same-source', matchedTerms: [] });
    unscored += 1;
  }
  const [first, ...rest] = considered;
  if (first === undefined) return { tables: [], needs: [] };
  const bestScore = scored[0]?.score ?? 0;
  const neighbours = joins(considered, source);
  const covered = new Set(first.matchedTerms);
  // Only terms some reached table covers count: a term no table matches cannot make one needed.
  let uncoveredWeight = 0;
  for (const term of new Set(considered.flatMap((table) => table.matchedTerms))) if (!covered.has(term)) uncoveredWeight += termWeights[term] ?? 0;
  const tables = [first];
  const needs = [scoreNeed(first, bestScore)];
  /** Tables chosen because they covered new terms, with their needs. */
  const covering = new Map([[first.table, needs[0]!]]);

  const needOf = (table: ReachedTable): number => {
    let need = scoreNeed(table, bestScore);
    // Without the question's terms (a fused ranking), the score is all there is to go on.
    if (table.reason === 'match' && termWeights.length > 0) {
      let marginal = 0;
      for (const term of table.matchedTerms) if (!covered.has(term)) marginal += termWeights[term] ?? 0;
      const coverNeed = uncoveredWeight > 0 ? Math.min(1, (uncoveredShareForCertainty * marginal) / uncoveredWeight) : 0;
      need = 1 - (1 - redundantShare * need) * (1 - coverNeed);
    }
    const joined = [...neighbours.get(table.table)!].filter((name) => covering.has(name));
    for (let left = 0; left < joined.length; left += 1) {
      for (let right = left + 1; right < joined.length; right += 1) {
        if (neighbours.get(joined[left]!)!.has(joined[right]!)) continue;
        need = Math.max(need, bridgeShare * Math.min(covering.get(joined[left]!)!, covering.get(joined[right]!)!));
      }
    }
    return need;
  };

  while (tables.length < maxTables && rest.length > 0) {
    let chosenIndex = 0;
    let chosenNeed = -1;
    rest.forEach((table, index) => {
      const need = needOf(table);
      // Strictly greater: on a tie the better scored table (earlier in `rest`) is taken.
      if (need > chosenNeed) [chosenIndex, chosenNeed] = [index, need];
    });
    const chosen = rest.splice(chosenIndex, 1)[0]!;
    tables.push(chosen);
    needs.push(chosenNeed);
    const newTerms = chosen.matchedTerms.filter((term) => !covered.has(term));
    if (newTerms.length > 0) covering.set(chosen.table, chosenNeed);
    for (const term of newTerms) {
      covered.add(term);
      uncoveredWeight -= termWeights[term] ?? 0;
    }
  }
  return { tables, needs };
}
