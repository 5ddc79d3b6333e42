import { SwitchyardError } from '../errors/switchyard-error.js';
import type { QueryAttempt } from '../schemas/query-schema.js';
import type { PipelineObserver } from './pipeline-observer.js';

// Failures that mean "this statement is wrong or too heavy", which a model can fix by writing another
// one; anything else (source down, credentials refused) ends the request without spending attempts.
const repairableCodes = new Set(['SWY_ERR_QUERY_FAILED', 'SWY_ERR_QUERY_TIMEOUT']);

/**
 * The attempts of one generate → check → execute → repair loop, SQL or HTTP: each is kept for the
 * response and told to the observer as it finishes, so streaming clients see repairs live.
 */
export class AttemptRecorder {
  /** Every attempt so far, in order; the same array ends up in the response and in error details. */
  readonly attempts: QueryAttempt[] = [];
  readonly #observer: PipelineObserver | undefined;

  constructor(observer: PipelineObserver | undefined) {
    this.#observer = observer;
  }

  /** Whether a failure from the source is worth another attempt rather than ending the request. */
  static isRepairable(error: unknown): error is SwitchyardError {
    return SwitchyardError.isInstance(error) && repairableCodes.has(error.code);
  }

  /** Keeps one finished attempt and tells the observer its 1-based number. */
  record(attempt: QueryAttempt): void {
    this.attempts.push(attempt);
    this.#observer?.onAttempt?.({ ...attempt, attempt: this.attempts.length });
  }

  /** The error for a loop that used up its attempts; `subject` names what never worked ("SQL", "request"). */
  exhausted(subject: string): SwitchyardError {
    const count = this.attempts.length;
    const lastError = this.attempts.at(-1)?.error ?? 'unknown error';
    return new SwitchyardError(
      'SWY_ERR_REPAIR_EXHAUSTED',
      `No working ${subject} after ${count} attempt${count === 1 ? '' : 's'}; the last error was: ${lastError}`,
      { details: { attempts: this.attempts } },
    );
  }
}
