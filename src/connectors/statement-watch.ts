import { sourceErrors } from './source-error-factory.js';

/** Why a running statement was interrupted by us rather than failing on its own. */
export type InterruptReason = 'timeout' | 'cancelled';

/**
 * Watches one running statement: a timer for the statement timeout and the caller's AbortSignal.
 * Whichever fires first calls `interrupt` once and is remembered, so error mapping can tell a
 * timeout from a cancellation without reading the engine's message text.
 */
export class StatementWatch {
  /** Set once the timer or the signal interrupted the statement. */
  reason: InterruptReason | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly signal: AbortSignal | undefined;
  private readonly onAbort = () => this.fire('cancelled');

  /**
   * @param interrupt asks the engine to stop the statement; errors are swallowed (the statement may
   *   already have finished).
   * @param timeoutMs when given, interrupts after this many milliseconds (for engines without a
   *   server-side statement timeout, or as a backstop).
   */
  constructor(
    private readonly interrupt: () => unknown,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ) {
    this.signal = options.signal;
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.timer = options.timeoutMs === undefined ? undefined : setTimeout(() => this.fire('timeout'), options.timeoutMs);
  }

  private fire(reason: InterruptReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    Promise.resolve()
      .then(this.interrupt)
      .catch(() => undefined);
  }

  /**
   * Throws once the statement was interrupted, even when the engine returned normally: a statement
   * stopped mid-way may answer with partial rows, which must not pass for a complete result.
   * Error mapping turns the throw into a timeout or a cancellation through `reason`.
   */
  throwIfInterrupted(): void {
    if (this.reason !== undefined) throw new Error('The statement was interrupted');
  }

  /** Stops watching; call in `finally`. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** SWY_ERR_QUERY_CANCELLED for a signal that is already aborted before the statement starts. */
export function throwIfAborted(signal: AbortSignal | undefined, sourceName: string): void {
  if (signal?.aborted) throw sourceErrors.interrupted('cancelled', sourceName);
}
