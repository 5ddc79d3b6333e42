import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../llm/language-model.js';
import { streamCompletion } from '../llm/language-model-stream.js';
import { isProviderOutage } from './failure-classification.js';
import { HalfOpenClock } from './half-open-clock.js';
import type { ResilienceSettings } from '../config/resilience-settings.js';

/** Told of every LLM call, for metrics; must not throw. */
export interface LanguageModelCallListener {
  /** One call finished: `ok` with token usage, or an error code. */
  onCall(event: { provider: string; outcome: string; promptTokens?: number; completionTokens?: number }): void;
}

/**
 * Puts a circuit breaker around a provider (outside its timeout and retries): once calls keep
 * failing after their retries, further questions fail fast with 503 instead of each waiting out
 * the timeouts, and one trial call goes through after the half-open delay.
 */
export class ResilientLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #inner: LanguageModel;
  readonly #breaker: CircuitBreakerPolicy;
  readonly #halfOpenClock: HalfOpenClock;
  readonly #listener: LanguageModelCallListener | undefined;

  constructor(inner: LanguageModel, settings: Pick<ResilienceSettings, 'breakerThreshold' | 'breakerHalfOpenMs'>, listener?: LanguageModelCallListener) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.#listener = listener;
    this.#breaker = circuitBreaker(handleWhen(isProviderOutage), {
      halfOpenAfter: settings.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    this.#halfOpenClock = new HalfOpenClock(this.#breaker, settings.breakerHalfOpenMs);
  }

  /** Breaker state: `closed`, `open`, `half-open` or `isolated`. */
  get circuitState(): string {
    return ['closed', 'open', 'half-open', 'isolated'][this.#breaker.state] ?? 'unknown';
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    try {
      const result = await this.#breaker.execute(() => this.#inner.generate(options));
      this.#listener?.onCall({ provider: this.provider, outcome: 'ok', ...result.usage });
      return result;
    } catch (error) {
      throw this.#failed(error);
    }
  }

  /** Streams through the breaker: opening the stream (up to its first part) is the guarded call. */
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    const parts = streamCompletion(this.#inner, options);
    let first: IteratorResult<LanguageModelStreamPart>;
    try {
      first = await this.#breaker.execute(() => parts.next());
    } catch (error) {
      throw this.#failed(error);
    }
    let promptTokens: number | undefined;
    let completionTokens: number | undefined;
    try {
      for (let current = first; current.done !== true; current = await parts.next()) {
        if (current.value.type === 'finish') ({ promptTokens, completionTokens } = current.value.usage);
        yield current.value;
      }
    } catch (error) {
      throw this.#failed(error);
    }
    this.#listener?.onCall({
      provider: this.provider,
      outcome: 'ok',
      ...(promptTokens === undefined ? {} : { promptTokens }),
      ...(completionTokens === undefined ? {} : { completionTokens }),
    });
  }

  #failed(error: unknown): unknown {
    const retryAfterSeconds = this.#halfOpenClock.secondsUntilTrial();
    const mapped =
      error instanceof BrokenCircuitError
        ? new SwitchyardError(
            'SWY_ERR_LLM_CIRCUIT_OPEN',
            `The language model provider "${this.provider}" keeps failing and is short-circuited; it is retried within ${retryAfterSeconds} s`,
            { details: { provider: this.provider, retryAfterSeconds }, cause: error },
          )
        : error;
    this.#listener?.onCall({ provider: this.provider, outcome: SwitchyardError.isInstance(mapped) ? mapped.code : 'unknown' });
    return mapped;
  }
}
