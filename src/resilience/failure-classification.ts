import { SwitchyardError } from '../errors/switchyard-error.js';

/** Source errors that say "the engine is unreachable", as opposed to "this SQL is wrong": they feed the breaker. */
export function isSourceOutage(error: unknown): boolean {
  if (!SwitchyardError.isInstance(error)) return true;
  return error.code === 'SWY_ERR_SOURCE_UNAVAILABLE';
}

/** LLM errors that say "the provider is failing": retryable server errors and timeouts, not bad prompts. */
export function isProviderOutage(error: unknown): boolean {
  if (!SwitchyardError.isInstance(error)) return true;
  return error.code === 'SWY_ERR_LLM_FAILED' || error.code === 'SWY_ERR_LLM_TIMEOUT';
}

/** Jittered exponential delay ("full jitter"): uniform in [0, base · 2^(retry-1)]. */
export function jitteredBackoffMs(baseMs: number, retryNumber: number, random: () => number = Math.random): number {
  return Math.floor(random() * baseMs * 2 ** (retryNumber - 1));
}
