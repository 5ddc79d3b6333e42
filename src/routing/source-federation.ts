import type { CrossSourceJoin, CrossSourceJoins } from './cross-source-joins.js';

/** Sources that together cover a question none covers alone, and how they join. */
export interface SourceFederation {
  /** The sources, the best covering one first, then in the order they were added. */
  readonly sources: string[];
  /** The cross-source joins among them. */
  readonly joins: CrossSourceJoin[];
  /** Share of the question's (IDF-weighted) vocabulary the others add to the first source's coverage. */
  readonly gain: number;
}

/** What finding a federation reads of one retrieval. */
export interface FederationInput {
  /** Source names, best ranked first (already re-scored by coherent coverage). */
  readonly ranked: readonly string[];
  /** Per need of the question, how well a source covers it (IDF × field weight × form share), by source name. */
  readonly coverage: (source: string) => ArrayLike<number>;
  /** Sum of the IDF of the question's needs that some source holds. */
  readonly totalWeight: number;
  /** The catalog's cross-source join graph. */
  readonly joins: CrossSourceJoins;
  /** Whether a source may take part (eligible for this question and client). */
  readonly allowed: (source: string) => boolean;
}

/**
 * Share of the question's (IDF-weighted) vocabulary a joined source must add to what the sources
 * already chosen cover before the question counts as spanning it. On the split Spider suite (each
 * database's tables divided between two joined sources) 0.05 / 0.1 / 0.15 hand over every gold
 * source and table for 97.8 / 96.6 / 94.7 % of the questions, and mark 7.1 / 2.5 / 1.7 % of its
 * single-table questions as spanning a second source for a word it happens to hold; 0.1 balances both.
 */
const minimumGain = 0.1;
/** Sources one federated answer spans at most. */
const maxFederatedSources = 3;

/**
 * Decides whether a question needs several sources: the best ranked source is taken first, then,
 * while one adds enough, the joined source (by a cross-source relationship) that covers most of the
 * question's needs the chosen ones leave uncovered. A source joined to none of them is never added:
 * without a join key, a federated query could only put two unrelated answers side by side.
 */
export function findFederation(input: FederationInput): SourceFederation | undefined {
  const { ranked, coverage, totalWeight, joins, allowed } = input;
  const anchor = ranked.find(allowed);
  if (anchor === undefined || joins.isEmpty || totalWeight <= 0) return undefined;
  const chosen = [anchor];
  const covered = Float64Array.from(coverage(anchor));
  let gain = 0;
  while (chosen.length < maxFederatedSources) {
    const partners = new Set(chosen.flatMap((source) => [...joins.partners(source)]).filter((source) => !chosen.includes(source) && allowed(source)));
    let best: { source: string; added: number } | undefined;
    // In ranking order, so that of two partners adding as much the better ranked one is taken.
    for (const source of [...ranked.filter((name) => partners.has(name)), ...[...partners].filter((name) => !ranked.includes(name))]) {
      const values = coverage(source);
      let added = 0;
      for (let need = 0; need < covered.length; need += 1) added += Math.max(0, (values[need] ?? 0) - covered[need]!);
      if (best === undefined || added > best.added) best = { source, added };
    }
    if (best === undefined || best.added / totalWeight < minimumGain) break;
    const values = coverage(best.source);
    for (let need = 0; need < covered.length; need += 1) covered[need] = Math.max(covered[need]!, values[need] ?? 0);
    chosen.push(best.source);
    gain += best.added / totalWeight;
  }
  if (chosen.length < 2) return undefined;
  return { sources: chosen, joins: joins.among(new Set(chosen)), gain };
}
