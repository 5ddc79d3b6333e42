import type { SourceScope } from '../access/source-scope.js';
import type { CachedPlan } from '../cache/query-cache.js';
import type { CatalogSnapshot, CatalogSource } from '../catalog/catalog-types.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SchemaRouter, RoutingOutcome } from '../routing/schema-router.js';
import type { PipelineCatalog, PipelineSources } from './pipeline-catalog.js';
import { routeQuestion, type RouteDecision } from './route-stage.js';
import type { StageContext } from './stage-context.js';
import type { StageTimer } from './stage-timer.js';

/**
 * The chosen source and tables, and how they were chosen. `source` and `tables` are what a
 * one-source answer reads. `federated` (from RouteDecision) is present only when chain 1 chose tables
 * of two or more sources: it lists every chosen source with its tables, `source` first, each allowed
 * by the client's scope and loaded, for the federated path to plan one part per source table.
 */
export interface ChosenSource extends RouteDecision {
  /** Retrieval's candidates and scores, for the response's `routing` debug field; absent when a cached plan chose. */
  readonly routing?: RoutingOutcome;
  /** The cached plan's statement as written, tried before the model is asked for one. */
  readonly stored?: string;
  /** Set when a source whose engine reads several sources (Trino) answers for them: the sources the question spans. */
  readonly spannedSources?: readonly string[];
}

/** What choosing needs of the request. */
export interface ChoiceRequest {
  /** The standalone question. */
  readonly question: string;
  /** The source the request names, when it names one. */
  readonly namedSource: CatalogSource | undefined;
  /** The sources the request limits routing to, when it names several. */
  readonly namedSources?: readonly CatalogSource[] | undefined;
  /** The client's scope. */
  readonly scope: SourceScope;
  /** The request's model context, for chain 1. */
  readonly context: StageContext;
  /** The request's stage timer. */
  readonly timer: StageTimer;
}

/**
 * Choose source: retrieval narrows the catalog to candidate tables, then chain 1 picks a source and
 * its tables among them, or several sources with theirs when the question needs them together; a
 * named source skips chain 1. A source whose load failed is refused, unless it kept its tables and
 * answers a ping now.
 */
export class SourceChoiceStage {
  readonly #catalog: PipelineCatalog;
  readonly #sources: PipelineSources;
  readonly #router: SchemaRouter;

  constructor(catalog: PipelineCatalog, sources: PipelineSources, router: SchemaRouter) {
    this.#catalog = catalog;
    this.#sources = sources;
    this.#router = router;
  }

  /** The source and tables that should answer the question. */
  async choose(request: ChoiceRequest): Promise<ChosenSource> {
    const { question, namedSource, namedSources, scope, context, timer } = request;
    // Read after any await: a refresh may have swapped in a snapshot (and routing's index for it) meanwhile.
    const snapshot = this.#catalog.snapshot;
    if (namedSource !== undefined) {
      await this.#requireServing(namedSource);
      // A named source skips chain 1; retrieval still narrows its tables for chain 2.
      const routing = await timer.measure('route', () => this.#router.route(snapshot, question, [namedSource]));
      return { source: namedSource, tables: routing.sources[0]?.tables.length ? routing.sources[0].tables : namedSource.tables, routing };
    }
    // Stage 1 (retrieval) narrows to candidate tables; stage 2 (chain 1) picks among them only.
    const within = namedSources === undefined ? undefined : new Set(namedSources.map((source) => source.name));
    const { routing, candidates } = await timer.measure('route', () => this.#retrieve(snapshot, question, scope, within));
    const best = routing.candidates.sources.reduce<{ source: string; score: number } | undefined>((top, item) => (item.score > (top?.score ?? 0) ? item : top), undefined);
    const bestSource = candidates.find((source) => source.name === best?.source);
    if (bestSource !== undefined) await this.#requireLoaded(bestSource);
    // Chain 1 is offered loaded sources only, and the best match once it answered its ping.
    const narrowed = routing.sources.filter((source) => source.tables.length > 0 && (source.status.healthy || source.name === bestSource?.name));
    if (narrowed.length === 0) throw new SwitchyardError('SWY_ERR_CATALOG_NOT_READY', 'No source has any tables loaded');
    const only = narrowed.length === 1 && !routing.narrowed ? narrowed[0] : undefined;
    // One source small enough to hand over whole leaves chain 1 nothing to choose: skip a model round trip.
    const decision: RouteDecision =
      only !== undefined
        ? { source: only, tables: only.tables }
        : await timer.measure('route', () =>
            routeQuestion(context, question, narrowed, {
              relationships: snapshot.relationships ?? [],
              // A configured source the key may not use ends the request with 403, however it was named.
              refuseForbidden: (name) => {
                if (snapshot.sources.some((source) => source.name === name)) scope.assertAllowed(name);
              },
            }),
          );
    for (const chosen of decision.federated ?? [decision]) {
      // Every source of a plan is inside the key's scope and loaded before any part of it runs (the
      // best match was checked, and pinged if need be, before chain 1 was asked).
      scope.assertAllowed(chosen.source.name);
      if (chosen.source !== bestSource) await this.#requireLoaded(chosen.source);
    }
    return { ...decision, routing };
  }

  /**
   * What retrieval hands chain 1 for a question, with no model call: the candidates `choose` would
   * offer (before unloaded sources are dropped). Measures routing on its own.
   */
  async candidates(question: string, scope: SourceScope): Promise<RoutingOutcome> {
    return (await this.#retrieve(this.#catalog.snapshot, question, scope)).routing;
  }

  async #retrieve(snapshot: CatalogSnapshot, question: string, scope: SourceScope, within?: ReadonlySet<string>): Promise<{ routing: RoutingOutcome; candidates: CatalogSource[] }> {
    // A question only a forbidden source holds is refused plainly, before any model call.
    scope.assertQuestionWithin(() => this.#router.retrieve(snapshot, question).sources);
    // Forbidden sources are never offered to the router, so it cannot even name them.
    // An unavailable source stays a candidate (known from kept metadata or its overlay's description):
    // a question it matches best is refused naming it, never answered from another source.
    // Sources the request names are the only candidates; a question they cannot answer is routed among them anyway.
    const candidates = snapshot.sources.filter(
      (source) => (source.tables.length > 0 || !source.status.healthy) && scope.allows(source.name) && (within === undefined || within.has(source.name)),
    );
    if (candidates.length === 0) throw new SwitchyardError('SWY_ERR_CATALOG_NOT_READY', 'No source has any tables loaded');
    return { routing: await this.#router.route(snapshot, question, candidates), candidates };
  }

  /**
   * The source and tables a cached plan chose, from the current catalog; undefined when the catalog no
   * longer holds them all, so the question is routed afresh.
   */
  async reuse(plan: CachedPlan): Promise<ChosenSource | undefined> {
    const source = this.#catalog.snapshot.sources.find((candidate) => candidate.name === plan.source);
    const tables = plan.tables.map((name) => source?.tables.find((table) => table.name === name));
    if (source === undefined || !tables.every((table) => table !== undefined)) return undefined;
    await this.#requireServing(source);
    return { source, tables, stored: plan.written };
  }

  /**
   * Refuses a source whose load failed with SWY_ERR_SOURCE_NOT_LOADED unless it kept its tables and
   * its engine answers a ping now: then the question runs on the kept tables and the source is loaded
   * at once, so a stale failure never outlives the outage by a retry interval.
   */
  async #requireLoaded(source: CatalogSource): Promise<void> {
    if (source.status.healthy) return;
    if (source.tables.length > 0) {
      const answered = await this.#sources.handle(source.name).connector.ping().then(() => true, () => false);
      if (answered) {
        this.#sources.retryLoadNow(source.name);
        return;
      }
    }
    throw this.#notLoaded(source);
  }

  async #requireServing(source: CatalogSource): Promise<void> {
    await this.#requireLoaded(source);
    if (source.tables.length > 0) return;
    // A load error already names the source ("Source "crm" is unavailable: …"); say it once.
    const reason = source.status.error?.replace(`Source "${source.name}" is unavailable: `, '') ?? 'it has no tables';
    throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${source.name}" is unavailable: ${reason}`, {
      details: { source: source.name },
    });
  }

  /** SWY_ERR_SOURCE_NOT_LOADED naming a source whose load failed, with when it is loaded again. */
  #notLoaded(source: CatalogSource): SwitchyardError {
    const dueAt = this.#sources.handle(source.name).nextLoadAttemptAt;
    const retryAfterSeconds = dueAt === undefined ? undefined : Math.max(1, Math.ceil((dueAt - Date.now()) / 1000));
    const reason = source.status.error?.replace(`Source "${source.name}" is unavailable: `, '') ?? 'its last load failed';
    return new SwitchyardError(
      'SWY_ERR_SOURCE_NOT_LOADED',
      `Source "${source.name}" holds what this question asks but is unavailable (${reason}); it is loaded again automatically, try again shortly`,
      { details: { source: source.name, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) } },
    );
  }
}
