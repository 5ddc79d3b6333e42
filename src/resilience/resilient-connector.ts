import diagnosticsChannel from 'node:diagnostics_channel';
import { setTimeout as delay } from 'node:timers/promises';
import { BrokenCircuitError, BulkheadRejectedError, ConsecutiveBreaker, circuitBreaker, bulkhead, handleWhen, type CircuitBreakerPolicy, type BulkheadPolicy } from 'cockatiel';
import type { ChunkQueryResult, Connector, ConnectorCapabilities, ExecuteOptions, HttpRequestPlanner, IntrospectedTable, QueryResult, RequestLanguage } from '../connectors/connector.js';
import { sourceErrors } from '../connectors/common/source-error-factory.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { isSourceOutage, jitteredBackoffMs } from './failure-classification.js';
import { HalfOpenClock } from './half-open-clock.js';
import type { ResilienceSettings } from '../config/resilience-settings.js';

/** One finished source statement, published for metrics (no SQL, no rows). */
export interface SourceQueryEvent {
  /** Source name. */
  readonly source: string;
  /** Wall time in seconds, queueing included. */
  readonly durationSeconds: number;
  /** `ok`, or the error code. */
  readonly outcome: string;
}

/** Channel the metrics plugin subscribes to; connectors are built before any app exists, so they publish instead of holding a registry. */
export const sourceQueryChannel = diagnosticsChannel.channel('switchyard:source-query');

/**
 * Wraps a connector with bounded concurrency (a bulkhead with a queue limit → 503 busy), jittered
 * retries of retryable connection errors, and a circuit breaker that short-circuits a source that
 * keeps failing (503 naming it) while the other sources keep serving.
 */
export class ResilientConnector implements Connector {
  readonly sourceName: string;
  readonly kind: string;
  readonly dialect: Connector['dialect'];
  readonly capabilities: ConnectorCapabilities;
  readonly requestLanguage?: RequestLanguage;
  readonly httpRequests?: HttpRequestPlanner;
  /** The wrapped connector's `executeChunks`, behind the same bulkhead, retries and breaker as `execute`; absent when it has none. */
  readonly executeChunks?: (sql: string, options: ExecuteOptions) => Promise<ChunkQueryResult>;
  readonly #inner: Connector;
  readonly #settings: ResilienceSettings;
  readonly #breaker: CircuitBreakerPolicy;
  readonly #halfOpenClock: HalfOpenClock;
  readonly #bulkhead: BulkheadPolicy;

  constructor(inner: Connector, settings: ResilienceSettings) {
    this.#inner = inner;
    this.#settings = settings;
    this.sourceName = inner.sourceName;
    this.kind = inner.kind;
    this.dialect = inner.dialect;
    this.capabilities = inner.capabilities;
    // Plan validation reads only the source's document, so it needs no bulkhead; execute() still passes one.
    if (inner.requestLanguage !== undefined) this.requestLanguage = inner.requestLanguage;
    if (inner.httpRequests !== undefined) this.httpRequests = inner.httpRequests;
    const executeChunks = inner.executeChunks?.bind(inner);
    if (executeChunks !== undefined) this.executeChunks = (sql, options) => this.#run(() => executeChunks(sql, options), options.signal);
    this.#breaker = circuitBreaker(handleWhen(isSourceOutage), {
      halfOpenAfter: settings.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    this.#halfOpenClock = new HalfOpenClock(this.#breaker, settings.breakerHalfOpenMs);
    this.#bulkhead = bulkhead(settings.sourceMaxConcurrency, settings.sourceMaxQueue);
  }

  /** The wrapped connector's string rules, read when asked: they are learned at its first introspection. */
  get backslashEscapes(): boolean {
    return this.#inner.backslashEscapes === true;
  }

  /** Breaker state, for tests and readiness: `closed`, `open`, `half-open` or `isolated`. */
  get circuitState(): string {
    return ['closed', 'open', 'half-open', 'isolated'][this.#breaker.state] ?? 'unknown';
  }

  execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    return this.#run(() => this.#inner.execute(sql, options), options.signal);
  }

  /** One statement through the bulkhead, the retries and the breaker, published for metrics. */
  async #run<Result>(statement: () => Promise<Result>, signal: AbortSignal | undefined): Promise<Result> {
    const started = performance.now();
    try {
      const result = await this.#bulkhead.execute(() => this.#withRetries(statement, signal), signal);
      this.#publish(started, 'ok');
      return result;
    } catch (error) {
      // A caller that left while its statement queued for a slot or waited out a retry backoff gets
      // the bulkhead's or the timer's own abort error: report it as the cancellation it is, not a 500.
      const cancelled = signal?.aborted === true && !SwitchyardError.isInstance(error);
      const mapped = cancelled ? sourceErrors.interrupted('cancelled', this.sourceName, error) : this.#mapPolicyError(error);
      this.#publish(started, SwitchyardError.isInstance(mapped) ? mapped.code : 'unknown');
      throw mapped;
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    try {
      return await this.#breaker.execute(() => this.#inner.introspect());
    } catch (error) {
      throw this.#mapPolicyError(error);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.#breaker.execute(() => this.#inner.ping());
    } catch (error) {
      throw this.#mapPolicyError(error);
    }
  }

  async privilegeWarnings(): Promise<string[]> {
    try {
      return (await this.#breaker.execute(() => this.#inner.privilegeWarnings?.())) ?? [];
    } catch (error) {
      throw this.#mapPolicyError(error);
    }
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  /** Each try passes the breaker, so retries stop as soon as it opens. */
  async #withRetries<Result>(work: () => Promise<Result>, signal: AbortSignal | undefined): Promise<Result> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await this.#breaker.execute(work);
      } catch (error) {
        const retryable = SwitchyardError.isInstance(error) && error.isRetryable && error.code === 'SWY_ERR_SOURCE_UNAVAILABLE';
        if (!retryable || retry >= this.#settings.sourceRetries || signal?.aborted === true) throw error;
        await delay(jitteredBackoffMs(this.#settings.sourceRetryBaseMs, retry + 1), undefined, signal ? { signal } : {});
      }
    }
  }

  #mapPolicyError(error: unknown): unknown {
    if (error instanceof BrokenCircuitError) {
      const retryAfterSeconds = this.#halfOpenClock.secondsUntilTrial();
      return new SwitchyardError(
        'SWY_ERR_SOURCE_CIRCUIT_OPEN',
        `Source "${this.sourceName}" keeps failing and is short-circuited; it is retried within ${retryAfterSeconds} s`,
        { details: { source: this.sourceName, retryAfterSeconds }, cause: error },
      );
    }
    if (error instanceof BulkheadRejectedError) {
      return new SwitchyardError('SWY_ERR_SOURCE_BUSY', `Source "${this.sourceName}" is busy; try again shortly`, {
        details: { source: this.sourceName, maxConcurrency: this.#settings.sourceMaxConcurrency, maxQueue: this.#settings.sourceMaxQueue },
        cause: error,
      });
    }
    return error;
  }

  #publish(started: number, outcome: string): void {
    if (!sourceQueryChannel.hasSubscribers) return;
    const event: SourceQueryEvent = { source: this.sourceName, durationSeconds: (performance.now() - started) / 1000, outcome };
    sourceQueryChannel.publish(event);
  }
}
