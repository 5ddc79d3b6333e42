import type { ServiceConfig } from './service-config.js';
import { readServiceConfig } from './service-config-reader.js';

/**
 * Circuit breaker, bulkhead and retry limits for sources and the LLM provider
 * (SWITCHYARD_SOURCE_* and SWITCHYARD_BREAKER_*, declared in the environment schema).
 */
export type ResilienceSettings = Pick<
  ServiceConfig,
  'sourceMaxConcurrency' | 'sourceMaxQueue' | 'sourceRetries' | 'sourceRetryBaseMs' | 'breakerThreshold' | 'breakerHalfOpenMs'
>;

/** The declared defaults, for tests and tools that build a resilient connector or model without a config. */
export const defaultResilienceSettings: ResilienceSettings = readServiceConfig({});
