import type { CatalogSnapshot, CatalogSource } from '../catalog/catalog-types.js';
import { renderRoutingCatalog } from '../catalog/table-info-renderer.js';
import { candidateCatalog, selectCandidates, type CandidateLimits, type RoutingCandidates } from './candidate-selector.js';
import type { EmbeddingProvider } from '../llm/embedding-provider.js';
import { cosineSimilarity } from './cosine-similarity.js';
import { LexicalRetriever } from './lexical-retriever.js';
import type { RetrievalResult, ScoredTable } from './retrieval-result.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import { buildRoutingDocument } from './routing-document.js';

/** Routing limits and the optional semantic half. */
export interface SchemaRouterOptions extends CandidateLimits {
  /** A catalog whose whole rendering fits in this many tokens is handed over whole (ranked); 0 always narrows. */
  readonly fullCatalogTokens: number;
  /** Embedding provider fused with the lexical ranking; omit for lexical only. */
  readonly embeddings?: EmbeddingProvider;
}

/** What the pipeline hands to chain 1, and why. */
export interface RoutingOutcome {
  /** Candidates with scores (the /query debug field). */
  readonly candidates: RoutingCandidates;
  /** The candidate sources narrowed to their candidate tables. */
  readonly sources: CatalogSource[];
  /** False when the catalog was small enough to hand over whole. */
  readonly narrowed: boolean;
  /** `lexical` or `lexical+embeddings`. */
  readonly method: string;
  /** Why embeddings were skipped for this question, when they failed. */
  readonly embeddingError?: string;
  /**
   * Present when no one source covers the question and the handed-over candidates span several that
   * do together: those sources, best first. Chain 1 may then answer with all of them (a federated answer).
   */
  readonly spansSources?: string[];
}

/** Everything routing derives from one snapshot, rebuilt only when the snapshot version changes. */
interface SnapshotIndex {
  /** Version of the snapshot this index was built from. */
  readonly version: string;
  /** The lexical index over the snapshot's sources and tables. */
  readonly retriever: LexicalRetriever;
  /** Whole-catalog token counts per eligible source set. */
  readonly wholeTokens: Map<string, number>;
  /** Token counts of rendered candidate catalogs: questions keep landing on the same few table sets. */
  readonly countTokens: (text: string) => number;
  /** `source\0table` → document vector, filled on first semantic query. */
  vectors?: Promise<Map<string, number[]>>;
}

const tableKey = (source: string, table: string) => `${source}\u0000${table}`;

/** Rendered catalogs remembered per snapshot; past this many the memory starts over. */
const maxMemoisedCounts = 1024;

/** The same exact count, remembered by text (hashing a rendering is far cheaper than encoding it). */
function memoiseCounts(count: (text: string) => number): (text: string) => number {
  const counts = new Map<string, number>();
  return (text) => {
    let tokens = counts.get(text);
    if (tokens === undefined) {
      tokens = count(text);
      if (counts.size >= maxMemoisedCounts) counts.clear();
      counts.set(text, tokens);
    }
    return tokens;
  };
}

/**
 * The outcome for the candidates chosen: the sources a federation spans are reported only when the
 * candidates show tables of two or more of them, so chain 1 can actually answer with several.
 */
function outcome(
  candidates: RoutingCandidates,
  eligible: CatalogSource[],
  result: RetrievalResult,
  how: { narrowed: boolean; method: string; embeddingError: string | undefined },
): RoutingOutcome {
  const shown = new Set(candidates.sources.map((source) => source.source));
  const spans = (result.federation?.sources ?? []).filter((source) => shown.has(source));
  return {
    candidates,
    sources: candidateCatalog(candidates, eligible),
    narrowed: how.narrowed,
    method: how.method,
    ...(how.embeddingError ? { embeddingError: how.embeddingError } : {}),
    ...(spans.length >= 2 ? { spansSources: spans } : {}),
  };
}

/**
 * Stage 1 of routing: narrows the whole catalog to a few candidate tables per likely source. The
 * lexical index is built once per snapshot version: by `prepare`, which the catalog calls as it
 * swaps a snapshot in, or by the first question about a snapshot that was never prepared.
 */
export class SchemaRouter {
  readonly #options: SchemaRouterOptions;
  #index: SnapshotIndex | undefined;

  constructor(options: SchemaRouterOptions) {
    this.#options = options;
  }

  /** Builds the index of a snapshot ahead of the first question. */
  prepare(snapshot: CatalogSnapshot): void {
    this.#indexFor(snapshot);
  }

  #indexFor(snapshot: CatalogSnapshot): SnapshotIndex {
    if (this.#index?.version !== snapshot.version) {
      this.#index = { version: snapshot.version, retriever: new LexicalRetriever(snapshot.sources, undefined, snapshot.relationships ?? []), wholeTokens: new Map(), countTokens: memoiseCounts(this.#options.countTokens) };
    }
    return this.#index;
  }

  /**
   * Lexical retrieval over the whole snapshot, forbidden sources included, on the index routing uses:
   * cheap (no model, no embeddings). Callers filter by scope (a scoped client's refusal, catalog search).
   */
  retrieve(snapshot: CatalogSnapshot, question: string): RetrievalResult {
    return this.#indexFor(snapshot).retriever.retrieve(question);
  }

  /** Ranks and selects candidates among `eligible` sources (the healthy ones with tables). */
  async route(snapshot: CatalogSnapshot, question: string, eligible: CatalogSource[]): Promise<RoutingOutcome> {
    const index = this.#indexFor(snapshot);
    const names = new Set(eligible.map((source) => source.name));
    const lexical = index.retriever.retrieve(question, (source) => names.has(source));
    // Kept whole but for the ineligible sources: the question's terms let selection tell which tables are needed.
    let result: RetrievalResult = { ...lexical, sources: lexical.sources.filter((source) => names.has(source.source)), tables: lexical.tables.filter((table) => names.has(table.source)) };
    let method = 'lexical';
    let embeddingError: string | undefined;
    if (this.#options.embeddings !== undefined) {
      try {
        result = await this.#fuse(index, snapshot, question, eligible, result);
        method = 'lexical+embeddings';
      } catch (error) {
        embeddingError = error instanceof Error ? error.message : String(error);
      }
    }
    const wholeTokens = this.#wholeCatalogTokens(index, eligible);
    if (wholeTokens <= this.#options.fullCatalogTokens) {
      const order = [...result.sources.map((source) => source.source), ...eligible.map((source) => source.name)];
      const ranked = eligible.slice().sort((left, right) => order.indexOf(left.name) - order.indexOf(right.name));
      const scores = new Map(result.tables.map((table) => [tableKey(table.source, table.table), table]));
      const candidates: RoutingCandidates = {
        sources: ranked.map((source) => ({
          source: source.name,
          score: result.sources.find((item) => item.source === source.name)?.score ?? 0,
          tables: source.tables
            .map((table) => {
              const scored = scores.get(tableKey(source.name, table.name));
              return { table: table.name, score: scored?.score ?? 0, reason: scored?.reason ?? ('same-source' as const) };
            })
            .sort((left, right) => right.score - left.score),
        })),
        tokens: wholeTokens,
      };
      return outcome(candidates, eligible, result, { narrowed: false, method, embeddingError });
    }
    const candidates = selectCandidates(result, eligible, { ...this.#options, countTokens: index.countTokens });
    return outcome(candidates, eligible, result, { narrowed: true, method, embeddingError });
  }

  /** Tokens of the whole eligible catalog, cached per snapshot and source set; skipped for big catalogs. */
  #wholeCatalogTokens(index: SnapshotIndex, eligible: CatalogSource[]): number {
    if (this.#options.fullCatalogTokens <= 0) return Number.POSITIVE_INFINITY;
    // A catalog far beyond the threshold in characters is far beyond it in tokens too; skip counting.
    const key = eligible.map((source) => source.name).join('\u0000');
    const cached = index.wholeTokens.get(key);
    if (cached !== undefined) return cached;
    const tableCount = eligible.reduce((sum, source) => sum + source.tables.length, 0);
    const tokens = tableCount > 200 ? Number.POSITIVE_INFINITY : this.#options.countTokens(renderRoutingCatalog(eligible));
    index.wholeTokens.set(key, tokens);
    return tokens;
  }

  async #fuse(index: SnapshotIndex, snapshot: CatalogSnapshot, question: string, eligible: CatalogSource[], lexical: RetrievalResult): Promise<RetrievalResult> {
    const provider = this.#options.embeddings!;
    index.vectors ??= this.#embedCatalog(provider, snapshot).catch((error: unknown) => {
      index.vectors = undefined;
      throw error;
    });
    const vectors = await index.vectors;
    const [questionVector] = await provider.embed([question], 'query');
    if (questionVector === undefined) throw new Error('the embeddings server returned no vector for the question');
    const names = new Set(eligible.map((source) => source.name));
    const semantic: ScoredTable[] = [];
    for (const [key, vector] of vectors) {
      const [source, table] = key.split('\u0000') as [string, string];
      if (names.has(source)) semantic.push({ source, table, score: cosineSimilarity(questionVector, vector), reason: 'match' });
    }
    semantic.sort((left, right) => right.score - left.score);
    const semanticSources = [...new Set(semantic.map((table) => table.source))];
    const fusedTables = reciprocalRankFusion([lexical.tables.map((table) => tableKey(table.source, table.table)), semantic.map((table) => tableKey(table.source, table.table))]);
    const fusedSources = reciprocalRankFusion([lexical.sources.map((source) => source.source), semanticSources]);
    const reasons = new Map(lexical.tables.map((table) => [tableKey(table.source, table.table), table.reason]));
    return {
      // Whether the question spans sources is a matter of vocabulary coverage, which the lexical index measures.
      ...(lexical.federation ? { federation: lexical.federation } : {}),
      sources: [...fusedSources].map(([source, score]) => ({ source, score })).sort((left, right) => right.score - left.score),
      tables: [...fusedTables]
        .map(([key, score]) => {
          const [source, table] = key.split('\u0000') as [string, string];
          return { source, table, score, reason: reasons.get(key) ?? ('match' as const) };
        })
        .sort((left, right) => right.score - left.score),
    };
  }

  async #embedCatalog(provider: EmbeddingProvider, snapshot: CatalogSnapshot): Promise<Map<string, number[]>> {
    const keys: string[] = [];
    const texts: string[] = [];
    for (const source of snapshot.sources) {
      for (const table of source.tables) {
        const document = buildRoutingDocument(keys.length, source, table);
        keys.push(tableKey(source.name, table.name));
        texts.push(`${source.name}: ${document.name}. ${document.columns}. ${document.text}`.slice(0, 2000));
      }
    }
    const vectors = await provider.embed(texts, 'document');
    return new Map(keys.map((key, position) => [key, vectors[position] ?? []]));
  }
}
