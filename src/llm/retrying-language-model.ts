import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from './language-model.js';
import { streamCompletion } from './language-model-stream.js';
import { toLanguageModelError } from './llm-error-mapper.js';

/** Timeout and retry policy for every LLM call. */
export interface RetryPolicy {
  /** Time limit per attempt, in milliseconds. */
  readonly timeoutMs: number;
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number | undefined;
  /** Backoff before the first retry, doubled per retry (default 500 ms). */
  readonly backoffBaseMs?: number | undefined;
  /** Upper bound on any one backoff (default 8000 ms). */
  readonly backoffCapMs?: number | undefined;
  /** Source of randomness in [0, 1) for jitter; injectable for reproducible tests. */
  readonly random?: (() => number) | undefined;
}

/**
 * Wraps any LanguageModel with a per-attempt timeout and bounded retries. Adapters decide what is
 * retryable (`SwitchyardError.isRetryable`); this wrapper never inspects messages or statuses itself.
 * Backoff is exponential with full jitter, so clients throttled together do not retry together.
 */
export class RetryingLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #inner: LanguageModel;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #backoffBaseMs: number;
  readonly #backoffCapMs: number;
  readonly #random: () => number;

  constructor(inner: LanguageModel, policy: RetryPolicy) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.#timeoutMs = policy.timeoutMs;
    this.#maxRetries = policy.maxRetries ?? 2;
    this.#backoffBaseMs = policy.backoffBaseMs ?? 500;
    this.#backoffCapMs = policy.backoffCapMs ?? 8000;
    this.#random = policy.random ?? Math.random;
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    const callerSignal = options.signal;
    for (let attempt = 1; ; attempt += 1) {
      const timeoutSignal = AbortSignal.timeout(this.#timeoutMs);
      const signal = callerSignal === undefined ? timeoutSignal : AbortSignal.any([callerSignal, timeoutSignal]);
      let failure: SwitchyardError;
      try {
        return await this.#inner.generate({ ...options, signal });
      } catch (error) {
        failure = toLanguageModelError(error, { provider: this.provider, signal });
      }
      const mayRetry = failure.isRetryable && attempt <= this.#maxRetries && callerSignal?.aborted !== true;
      if (!mayRetry) throw withAttempts(failure, attempt);
      try {
        await sleep(this.#backoffMs(attempt), callerSignal);
      } catch (abortReason) {
        throw withAttempts(toLanguageModelError(abortReason, { provider: this.provider, signal: callerSignal }), attempt);
      }
    }
  }

  /**
   * Streams with the same timeout and retry policy, but retries only before the first text delta:
   * once tokens reached the caller, a retry would repeat them, so a later failure is final.
   */
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    const callerSignal = options.signal;
    for (let attempt = 1; ; attempt += 1) {
      const timeoutSignal = AbortSignal.timeout(this.#timeoutMs);
      // Aborted when the caller stops reading early, so the model's HTTP response is not left open
      // until the timeout, whatever the adapter's iterator does on return().
      const abandoned = new AbortController();
      const signals = [...(callerSignal === undefined ? [] : [callerSignal]), timeoutSignal, abandoned.signal];
      const signal = AbortSignal.any(signals);
      let started = false;
      let settled = false;
      let failure: SwitchyardError;
      try {
        for await (const part of streamCompletion(this.#inner, { ...options, signal })) {
          if (part.type === 'text') started = true;
          yield part;
        }
        settled = true;
        return;
      } catch (error) {
        settled = true;
        failure = toLanguageModelError(error, { provider: this.provider, signal });
      } finally {
        if (!settled) abandoned.abort();
      }
      const mayRetry = !started && failure.isRetryable && attempt <= this.#maxRetries && callerSignal?.aborted !== true;
      if (!mayRetry) throw withAttempts(failure, attempt);
      try {
        await sleep(this.#backoffMs(attempt), callerSignal);
      } catch (abortReason) {
        throw withAttempts(toLanguageModelError(abortReason, { provider: this.provider, signal: callerSignal }), attempt);
      }
    }
  }

  /** Full jitter: uniform in [0, min(cap, base * 2^(retry-1))]. */
  #backoffMs(retryNumber: number): number {
    const ceiling = Math.min(this.#backoffCapMs, this.#backoffBaseMs * 2 ** (retryNumber - 1));
    return Math.floor(this.#random() * ceiling);
  }
}

/** The final error keeps the last attempt's code, retryability and details, and says how many attempts ran. */
function withAttempts(error: SwitchyardError, attempts: number): SwitchyardError {
  return error.withDetails({ attempts });
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
