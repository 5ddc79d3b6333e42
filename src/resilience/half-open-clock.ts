import type { CircuitBreakerPolicy } from 'cockatiel';

/**
 * Tells how long an open circuit breaker still refuses calls, for Retry-After. cockatiel keeps the
 * time it opened private, so the clock notes it from the break event, which cockatiel emits in the
 * same tick it stamps that time (reopening after a failed trial call included).
 */
export class HalfOpenClock {
  readonly #halfOpenMs: number;
  #openedAt = 0;

  constructor(breaker: CircuitBreakerPolicy, halfOpenMs: number) {
    this.#halfOpenMs = halfOpenMs;
    breaker.onBreak(() => {
      this.#openedAt = Date.now();
    });
  }

  /** Whole seconds until the breaker lets its trial call through, rounded up and at least 1. */
  secondsUntilTrial(): number {
    return Math.max(1, Math.ceil((this.#openedAt + this.#halfOpenMs - Date.now()) / 1000));
  }
}
