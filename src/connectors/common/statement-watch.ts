import type { InterruptReason } from './interrupt-reason.js';
import { sourceErrors } from './source-error-factory.js';

/** When a StatementWatch fires and how it keeps after the statement. */
export interface StatementWatchOptions {
  /** The caller's signal; its abort cancels the statement. */
  readonly signal?: AbortSignal;
  /**
   * Interrupts after this many milliseconds (for engines without a server-side statement timeout,
   * or as a backstop).
   */
  readonly timeoutMs?: number;
  /**
   * Once fired, sends the interrupt again at this interval until `dispose`: an engine that clears a
   * pending interrupt when a statement starts (DuckDB) would otherwise lose one that lands early.
   */
  readonly repeatEveryMs?: number;
}

/**
 * Watches one running statement: a timer for the statement timeout and the caller's AbortSignal.
 * Whichever fires first calls `interrupt` (once, or repeatedly until disposed) and is remembered, so
 * error mapping can tell a timeout from a cancellation without reading the engine's message text.
 */
export class StatementWatch {
  /** Set once the timer or the signal interrupted the statement. */
  reason: InterruptReason | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly signal: AbortSignal | undefined;
  private readonly stopping = new AbortController();
  private readonly repeatEveryMs: number | undefined;
  private repeater: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly onAbort = () => this.fire('cancelled');

  /**
   * @param interrupt asks the engine to stop the statement; errors are swallowed (the statement may
   *   already have finished).
   */
  constructor(
    private readonly interrupt: () => unknown,
    options: StatementWatchOptions,
  ) {
    this.signal = options.signal;
    this.repeatEveryMs = options.repeatEveryMs;
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.timer = options.timeoutMs === undefined ? undefined : setTimeout(() => this.fire('timeout'), options.timeoutMs);
    // A signal aborted before the watch began never dispatches its event again.
    if (this.signal?.aborted) this.fire('cancelled');
  }

  /** Aborted once the watch fires, so work that has not reached the engine yet (a wait for a connection) stops too. */
  get stopped(): AbortSignal {
    return this.stopping.signal;
  }

  private fire(reason: InterruptReason): void {
    if (this.reason !== undefined || this.disposed) return;
    this.reason = reason;
    this.sendInterrupt();
    if (this.repeatEveryMs !== undefined) this.repeater = setInterval(() => this.sendInterrupt(), this.repeatEveryMs);
    this.stopping.abort(new Error(`The statement was interrupted (${reason})`));
  }

  private sendInterrupt(): void {
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

  /** Stops watching and interrupting; call in `finally`, once the statement has ended. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.repeater !== undefined) clearInterval(this.repeater);
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** SWY_ERR_QUERY_CANCELLED for a signal that is already aborted before the statement starts. */
export function throwIfAborted(signal: AbortSignal | undefined, sourceName: string): void {
  if (signal?.aborted) throw sourceErrors.interrupted('cancelled', sourceName);
}
