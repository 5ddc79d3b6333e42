import { repairabilityOf } from '../../errors/error-codes.js';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { QueryAttempt } from '../../schemas/query-schema.js';
import type { PipelineObserver } from '../../metrics/pipeline-observer.js';

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

  /**
   * Whether a failure from the source is worth another attempt rather than ending the request: the
   * statement was wrong or too heavy (the error model marks those codes); anything else (source down,
   * credentials refused) ends the request without spending attempts.
   */
  static isRepairable(error: unknown): error is SwitchyardError {
    return SwitchyardError.isInstance(error) && repairabilityOf(error.code) === true;
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
