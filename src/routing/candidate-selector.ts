import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { renderRoutingCatalog } from '../catalog/table-info-renderer.js';
import { allocateSlots, type SourceOption } from './coverage-allocator.js';
import { sourceTableOf, tableUnion, unionTableName } from './federated-table-union.js';
import type { RetrievalResult } from './retrieval-result.js';
import type { CandidateTable } from './candidate-table.js';
import { orderSourceTables, type ReachedTable } from './table-need-estimator.js';

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
 * How fast a runner-up's chance of being the right source falls with its score gap to the top one:
 * a source 10 % of the top score behind is e⁻¹ times as likely. Table-set recall is flat for
 * temperatures from 0.07 to 0.13 (within half a point); 0.1 is the middle of that range.
 */
const sourceTemperature = 0.1;

/** One table chosen for the candidate set. */
interface Pick {
  /** Its source. */
  readonly source: string;
  /** The chosen table. */
  readonly table: CandidateTable;
}

/** One option of the slot allocation: a source, or sources a question spans, with its tables in hand-over order. */
interface CandidateOption extends SourceOption {
  /** Each table's source, aligned with `tables`. */
  readonly sources: string[];
  /** The tables, best first. */
  readonly tables: ReachedTable[];
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
 * Picks what chain 1 sees. Each candidate source gets a chance of being the right one from its score
 * gap to the top source, and each of its tables a chance of being needed from the question terms it
 * adds to the tables before it, its score and its joins (see orderSourceTables); the table slots then
 * go where they most raise the chance that the right source is shown with every table the query
 * needs. A clear winner keeps nearly all slots (and a small one is shown whole, cheaper than getting
 * it wrong); a close runner-up gets its join (two or three tables), not just its best table, when the
 * top source's remaining tables only repeat its best table's words. Sources the question spans
 * (retrieval's federation) are one option over the union of their tables, so the table of a second
 * source that holds what the first lacks is needed as surely as a second table of one source. Then
 * trims the lowest priority tables until the rendering fits the budget.
 */
export function selectCandidates(result: RetrievalResult, sources: CatalogSource[], limits: CandidateLimits): RoutingCandidates {
  const byName = new Map(sources.map((source) => [source.name, source]));
  const ranked = result.sources.filter((source) => byName.has(source.source)).slice(0, limits.maxSources);
  if (ranked.length === 0) ranked.push(...sources.slice(0, limits.maxSources).map((source) => ({ source: source.name, score: 0 })));
  const scoredBySource = new Map<string, ReachedTable[]>();
  const termWeights = (result.terms ?? []).map((term) => term.weight);
  for (const scored of result.tables) {
    const list = scoredBySource.get(scored.source) ?? [];
    list.push({ table: scored.table, score: scored.score, reason: scored.reason, matchedTerms: scored.matchedTerms ?? [] });
    scoredBySource.set(scored.source, list);
  }

  const maxTables = Math.max(1, limits.maxTables);
  const topScore = ranked[0]!.score;
  const likelihoodOf = (score: number) => (topScore > 0 ? Math.exp(-(topScore - score) / topScore / sourceTemperature) : 1);
  const federated = (result.federation?.sources ?? []).filter((name) => byName.has(name));
  const options: CandidateOption[] = [];
  for (const candidate of ranked) {
    if (federated.includes(candidate.source)) continue;
    const ordered = orderSourceTables(scoredBySource.get(candidate.source) ?? [], byName.get(candidate.source)!, maxTables, termWeights);
    options.push({ likelihood: likelihoodOf(candidate.score), needs: ordered.needs, tables: ordered.tables, sources: ordered.tables.map(() => candidate.source) });
  }
  if (federated.length >= 2) {
    // The spanned sources are one option: their tables' need is judged over all of them, as one schema.
    const scores = federated.map((name) => result.sources.find((source) => source.source === name)?.score ?? 0);
    const likelihood = likelihoodOf(Math.max(...scores));
    const position = options.findIndex((option) => option.likelihood < likelihood);
    options.splice(position === -1 ? options.length : position, 0, spannedOption(federated.map((name) => byName.get(name)!), result, scoredBySource, maxTables, termWeights, likelihood));
  }
  const order = [...new Set(options.flatMap((option) => option.sources))];
  let picks: Pick[] = allocateSlots(options, maxTables).map((slot) => {
    const option = options[slot.option]!;
    return { source: option.sources[slot.position]!, table: toCandidate(option.tables[slot.position]!) };
  });
  let candidates = assemble(order, result.sources, picks);
  let tokens = limits.countTokens(renderRoutingCatalog(candidateCatalog(candidates, sources)));
  while (tokens > limits.tokenBudget && picks.length > 1) {
    picks = picks.slice(0, -1);
    candidates = assemble(order, result.sources, picks);
    tokens = limits.countTokens(renderRoutingCatalog(candidateCatalog(candidates, sources)));
  }
  return { ...candidates, tokens };
}

/** The sources a question spans as one allocation option, over the union of their tables. */
function spannedOption(
  members: CatalogSource[],
  result: RetrievalResult,
  scoredBySource: ReadonlyMap<string, ReachedTable[]>,
  maxTables: number,
  termWeights: readonly number[],
  likelihood: number,
): CandidateOption {
  const union = tableUnion(members, result.federation!.joins);
  const reached = members
    .flatMap((member) => (scoredBySource.get(member.name) ?? []).map((table) => ({ ...table, table: unionTableName(member.name, table.table) })))
    .sort((left, right) => right.score - left.score);
  const ordered = orderSourceTables(reached, union, maxTables, termWeights);
  const tables = ordered.tables.map((table) => ({ ...table, table: sourceTableOf(table.table).table }));
  return { likelihood, needs: ordered.needs, tables, sources: ordered.tables.map((table) => sourceTableOf(table.table).source) };
}

/** The hand-over view of a reached table, without the terms it matched. */
function toCandidate({ table, score, reason }: ReachedTable): CandidateTable {
  return { table, score, reason };
}

/** The picks grouped by source, sources in option order; each source keeps its retrieval score. */
function assemble(order: readonly string[], ranked: readonly { source: string; score: number }[], picks: readonly Pick[]): RoutingCandidates {
  const sources = order
    .map((source) => ({
      source,
      score: ranked.find((candidate) => candidate.source === source)?.score ?? 0,
      tables: picks.filter((pick) => pick.source === source).map((pick) => pick.table),
    }))
    .filter((candidate) => candidate.tables.length > 0);
  return { sources, tokens: 0 };
}
