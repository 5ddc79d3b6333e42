import { readEnvironmentInteger } from './environment-integer.js';

/** Circuit breaker, bulkhead and retry limits for sources and the LLM provider. */
export interface ResilienceSettings {
  /** Statements one source runs at once (SWITCHYARD_SOURCE_MAX_CONCURRENCY, default 8). */
  readonly sourceMaxConcurrency: number;
  /** Statements waiting for a slot before new ones get 503 busy (SWITCHYARD_SOURCE_MAX_QUEUE, default 64). */
  readonly sourceMaxQueue: number;
  /** Retries of a statement that failed on a retryable connection error (SWITCHYARD_SOURCE_RETRIES, default 1). */
  readonly sourceRetries: number;
  /** First retry backoff, jittered and doubled per retry (SWITCHYARD_SOURCE_RETRY_BASE_MS, default 100). */
  readonly sourceRetryBaseMs: number;
  /** Consecutive failures that open a breaker (SWITCHYARD_BREAKER_THRESHOLD, default 5). */
  readonly breakerThreshold: number;
  /** Time an open breaker waits before letting one trial call through (SWITCHYARD_BREAKER_HALF_OPEN_MS, default 30000). */
  readonly breakerHalfOpenMs: number;
}

/** Reads the resilience settings; a malformed value fails start-up naming the variable. */
export function readResilienceSettings(environment: NodeJS.ProcessEnv): ResilienceSettings {
  return {
    sourceMaxConcurrency: readEnvironmentInteger(environment, 'SWITCHYARD_SOURCE_MAX_CONCURRENCY', 8, 1),
    sourceMaxQueue: readEnvironmentInteger(environment, 'SWITCHYARD_SOURCE_MAX_QUEUE', 64, 0),
    sourceRetries: readEnvironmentInteger(environment, 'SWITCHYARD_SOURCE_RETRIES', 1, 0),
    sourceRetryBaseMs: readEnvironmentInteger(environment, 'SWITCHYARD_SOURCE_RETRY_BASE_MS', 100, 1),
    breakerThreshold: readEnvironmentInteger(environment, 'SWITCHYARD_BREAKER_THRESHOLD', 5, 1),
    breakerHalfOpenMs: readEnvironmentInteger(environment, 'SWITCHYARD_BREAKER_HALF_OPEN_MS', 30_000, 10),
  };
}

/** Defaults, for code paths that build connectors without reading the environment. */
export const defaultResilienceSettings: ResilienceSettings = readResilienceSettings({});
