import type { SourceScope } from '../access/source-scope.js';
import type { CachedPlan, CachedResult, PerRequestField, QueryCache } from '../cache/query-cache.js';
import { followUpCue } from '../conversation/follow-up-detector.js';
import type { QueryRequest, QueryResponse } from '../schemas/query-schema.js';
import type { PipelineCatalog } from './pipeline-catalog.js';

/** Told of every cache lookup, for the hit-ratio metric. */
export type CacheLookupListener = (layer: 'sql' | 'result', outcome: 'hit' | 'miss') => void;

/** A response as the cache or a concurrent identical question holds it; its per-request fields are replaced on replay. */
export type ReplayableResponse = Omit<QueryResponse, PerRequestField> & Partial<Pick<QueryResponse, PerRequestField>>;

/** A replayable response with what its download needs. */
export interface Replayable {
  /** The response to replay. */
  readonly response: ReplayableResponse;
  /** How the replay registers its own download; absent when the answer had none. */
  readonly download?: CachedResult['download'];
}

/** What the cache holds for one request. */
export interface CacheLookup {
  /** The key of the request's plan; absent when the request is never cached (dry run, follow-up, cache off). */
  readonly planKey?: string;
  /** The plan stored under that key, when its source is still within the client's scope. */
  readonly plan?: CachedPlan;
  /** The stored answer to replay. */
  readonly result?: Replayable;
}

/** The row caps a request's plan key depends on. */
export interface RowCapSettings {
  /** Rows a request gets when it asks for no number. */
  readonly defaultMaxRows: number;
  /** Most rows any request gets. */
  readonly maxRowsLimit: number;
}

/**
 * The generated-SQL and result caches as the pipeline consults them, at two points: before answering
 * (a stored result replays; a stored plan skips choosing a source and writing its statement) and
 * after (the plan and the result are stored). A cache that fails (Redis down) is a miss, never an
 * error. Identical questions arriving while one is answered wait for that answer (no thundering herd
 * when a popular entry expires).
 */
export class AnswerCache {
  readonly #cache: QueryCache | undefined;
  readonly #catalog: Pick<PipelineCatalog, 'isLoaded' | 'snapshot'>;
  readonly #rowCaps: RowCapSettings;
  readonly #onLookup: CacheLookupListener | undefined;
  // Misses being answered now, by flight key: identical questions arriving meanwhile wait for that answer.
  readonly #inFlight = new Map<string, Promise<Replayable>>();

  constructor(cache: QueryCache | undefined, catalog: Pick<PipelineCatalog, 'isLoaded' | 'snapshot'>, rowCaps: RowCapSettings, onLookup?: CacheLookupListener) {
    this.#cache = cache;
    this.#catalog = catalog;
    this.#rowCaps = rowCaps;
    this.#onLookup = onLookup;
  }

  /** What the cache holds for the request, as `scope` may see it. */
  async lookup(request: QueryRequest, scope: SourceScope): Promise<CacheLookup> {
    // Dry runs and blank questions go straight to the stages, which validate and report them.
    // Follow-ups depend on their conversation, not only on their words, so they are never cached; a
    // question that stands alone is the same question inside a conversation as outside it.
    const followsUp = request.conversationId !== undefined && followUpCue(request.question) !== undefined;
    const cache = this.#cache;
    if (cache === undefined || request.dryRun === true || followsUp) return {};
    if (request.question.trim() === '' || !this.#catalog.isLoaded) return {};
    const planKey = cache.planKey({
      question: request.question,
      requestedSource: request.source,
      catalogVersion: this.#catalog.snapshot.version,
      scope: scope.cacheKeyPart,
      maxRows: Math.min(request.maxRows ?? this.#rowCaps.defaultMaxRows, this.#rowCaps.maxRowsLimit),
    });
    const plan = await safely(() => cache.getPlan(planKey));
    this.#onLookup?.('sql', plan === undefined ? 'miss' : 'hit');
    if (plan === undefined || !scope.allows(plan.source)) return { planKey };
    const result = await safely(() => cache.getResult(cache.resultKey(planKey, plan, request.explain !== false)));
    this.#onLookup?.('result', result === undefined ? 'miss' : 'hit');
    return result === undefined ? { planKey, plan } : { planKey, plan, result };
  }

  /** The answer an identical question now being answered gives, or undefined when none is (or it failed). */
  async answeredMeanwhile(flightKey: string | undefined): Promise<Replayable | undefined> {
    const leader = flightKey === undefined ? undefined : this.#inFlight.get(flightKey);
    // A failed (e.g. cancelled) leader is not the follower's failure: it then answers on its own.
    return leader?.catch(() => undefined);
  }

  /** Runs `answering` as the leader of `flightKey`, so identical questions arriving meanwhile share its answer. */
  async lead<Answer extends Replayable>(flightKey: string | undefined, answering: () => Promise<Answer>): Promise<Answer> {
    const work = answering();
    if (flightKey !== undefined) this.#inFlight.set(flightKey, work);
    try {
      return await work;
    } finally {
      // A newer leader may hold the key by now (this one failed and a follower took over): leave it.
      if (flightKey !== undefined && this.#inFlight.get(flightKey) === work) this.#inFlight.delete(flightKey);
    }
  }

  /** Stores the plan (the statement as written, so a hit checks it again) and the result of a fresh answer. */
  async remember(planKey: string, request: QueryRequest, response: QueryResponse, written: string, download: CachedResult['download']): Promise<void> {
    const cache = this.#cache;
    if (cache === undefined) return;
    const plan: CachedPlan = { source: response.source, tables: response.tables, sql: response.sql, written, guard: response.guard };
    await safely(() => cache.setPlan(planKey, plan));
    const { timings: _timings, usage: _usage, cache: _cache, attempts: _attempts, conversationId: _conversation, queryId: _query, ...stored } = response;
    await safely(() => cache.setResult(cache.resultKey(planKey, plan, request.explain !== false), plan.source, { response: stored, ...(download ? { download } : {}) }));
  }
}

/** The key identical questions share an answer under: the plan key does not say whether an explanation was asked for; sharing must. */
export function flightKeyOf(lookup: CacheLookup, request: QueryRequest): string | undefined {
  return lookup.planKey === undefined ? undefined : `${lookup.planKey}:${request.explain === false ? 'rows' : 'answer'}`;
}

/** Stores already fall back on their own; this is the last line so a cache bug is a miss, not a 5xx. */
async function safely<Value>(work: () => Promise<Value>): Promise<Value | undefined> {
  try {
    return await work();
  } catch {
    return undefined;
  }
}
