import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { renderRoutingCatalog } from '../catalog/table-info-renderer.js';
import type { RetrievalResult } from './lexical-retriever.js';

/** Limits on what chain 1 is handed. */
export interface CandidateLimits {
  /** Tables handed over at most, across all candidate sources. */
  readonly maxTables: number;
  /** Candidate sources at most. */
  readonly maxSources: number;
  /** Token budget of the rendered candidate catalog. */
  readonly tokenBudget: number;
  /** Counts tokens with the configured model's tokenizer. */
  readonly countTokens: (text: string) => number;
}

/** One handed-over table with its score. */
export interface CandidateTable {
  /** Table name. */
  readonly table: string;
  /** Retrieval score (0 when included only to complete the top source). */
  readonly score: number;
  /** Why it is a candidate. */
  readonly reason: 'match' | 'foreign-key' | 'same-source';
}

/** One candidate source with its handed-over tables. */
export interface CandidateSource {
  /** Source name. */
  readonly source: string;
  /** Source score. */
  readonly score: number;
  /** Handed-over tables, best first. */
  readonly tables: CandidateTable[];
}

/** What retrieval hands to chain 1. */
export interface RoutingCandidates {
  /** Candidate sources, best first. */
  readonly sources: CandidateSource[];
  /** Tokens of the rendered candidate catalog. */
  readonly tokens: number;
}

/**
 * A runner-up source whose score reaches this share of the top source's is shown (its best table)
 * before the rest of the top source; a distant one only gets slots the top source leaves free.
 */
const runnerUpShare = 0.8;

/** Matched tables of a runner-up source shown after its best one: enough for a typical join. */
const runnerUpMatchedTables = 2;

/** One table chosen for the candidate set. */
interface Pick {
  /** Position of its source among the candidate sources (0 = best). */
  readonly sourceRank: number;
  /** The chosen table. */
  readonly table: CandidateTable;
}

/** The candidate sources narrowed to their candidate tables, in the catalog's own objects. */
export function candidateCatalog(candidates: RoutingCandidates, sources: CatalogSource[]): CatalogSource[] {
  return candidates.sources.map((candidate) => {
    const source = sources.find((item) => item.name === candidate.source)!;
    const tables = candidate.tables.map((pick) => source.tables.find((table) => table.name === pick.table)).filter((table): table is CatalogTable => table !== undefined);
    return { ...source, tables };
  });
}

/**
 * Picks what chain 1 sees: the best source with its matched tables, the best table of each
 * runner-up source and then its next matched ones, so the model can still correct a retrieval
 * mistake with a join; slots left over complete the top source (a small database is cheaper to show
 * whole than to get wrong). Then trims the lowest priority tables until the rendering fits the budget.
 */
export function selectCandidates(result: RetrievalResult, sources: CatalogSource[], limits: CandidateLimits): RoutingCandidates {
  const byName = new Map(sources.map((source) => [source.name, source]));
  const ranked = result.sources.filter((source) => byName.has(source.source)).slice(0, limits.maxSources);
  if (ranked.length === 0) ranked.push(...sources.slice(0, limits.maxSources).map((source) => ({ source: source.name, score: 0 })));
  const scoredBySource = new Map<string, CandidateTable[]>();
  for (const scored of result.tables) {
    const list = scoredBySource.get(scored.source) ?? [];
    list.push({ table: scored.table, score: scored.score, reason: scored.reason });
    scoredBySource.set(scored.source, list);
  }

  // Priority tiers, highest first. Tables the question matched (or that join matched tables) beat
  // tables shown only to complete a source, whichever source they are in: a runner-up's matching
  // tables are worth more than the top source's unrelated ones when the top source is wrong.
  const leading: Pick[] = [];
  const topMatched: Pick[] = [];
  const distantBest: Pick[] = [];
  const runnerUpMatched: Pick[] = [];
  const topRest: Pick[] = [];
  ranked.forEach((candidate, rank) => {
    const scored = scoredBySource.get(candidate.source) ?? [];
    if (rank === 0) {
      const seen = new Set(scored.map((table) => table.table));
      // Only as many unscored tables as could still be handed over: a source may hold thousands.
      const rest: CandidateTable[] = [];
      for (const table of byName.get(candidate.source)!.tables) {
        if (scored.length + rest.length >= limits.maxTables) break;
        if (!seen.has(table.name)) rest.push({ table: table.name, score: 0, reason: 'same-source' });
      }
      const all = [...scored, ...rest];
      if (all[0]) leading.push({ sourceRank: 0, table: all[0] });
      topMatched.push(...scored.slice(1).map((table) => ({ sourceRank: 0, table })));
      topRest.push(...(scored.length > 0 ? rest : rest.slice(1)).map((table) => ({ sourceRank: 0, table })));
    } else {
      const fallback = byName.get(candidate.source)!.tables[0];
      const best = scored[0] ?? (fallback ? { table: fallback.name, score: 0, reason: 'same-source' as const } : undefined);
      if (best) (candidate.score >= runnerUpShare * ranked[0]!.score ? leading : distantBest).push({ sourceRank: rank, table: best });
      runnerUpMatched.push(...scored.slice(1, runnerUpMatchedTables + 1).map((table) => ({ sourceRank: rank, table })));
    }
  });
  let picks = [...leading, ...topMatched, ...distantBest, ...runnerUpMatched, ...topRest].slice(0, Math.max(1, limits.maxTables));
  let candidates = assemble(ranked, picks);
  let tokens = limits.countTokens(renderRoutingCatalog(candidateCatalog(candidates, sources)));
  while (tokens > limits.tokenBudget && picks.length > 1) {
    picks = picks.slice(0, -1);
    candidates = assemble(ranked, picks);
    tokens = limits.countTokens(renderRoutingCatalog(candidateCatalog(candidates, sources)));
  }
  return { ...candidates, tokens };
}

function assemble(ranked: { source: string; score: number }[], picks: Pick[]): RoutingCandidates {
  const sources = ranked
    .map((candidate, rank) => ({
      source: candidate.source,
      score: candidate.score,
      tables: picks.filter((pick) => pick.sourceRank === rank).map((pick) => pick.table),
    }))
    .filter((candidate) => candidate.tables.length > 0);
  return { sources, tokens: 0 };
}
