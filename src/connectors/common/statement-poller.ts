import type { InterruptReason } from './interrupt-reason.js';

/** How often to ask an asynchronous engine (Athena, Redshift Data API) whether a statement finished. */
export interface PollSchedule {
  /** First wait between polls, doubled after each poll. */
  readonly initialDelayMs: number;
  /** The wait never grows beyond this. */
  readonly maxDelayMs: number;
}

/** Thrown by `pollUntilFinished` when our timeout or the caller's signal stopped the statement. */
export class StatementInterrupted extends Error {
  constructor(readonly reason: InterruptReason) {
    super(`The statement was interrupted (${reason})`);
  }
}

/** What to poll and how to stop it. */
export interface PollTask<Status> {
  /** Fetches the current status. */
  poll(): Promise<Status>;
  /** True once the status is terminal (succeeded, failed or cancelled). */
  isFinished(status: Status): boolean;
  /** Asks the engine to stop the statement; failures are ignored (it may have just finished). */
  cancel(): Promise<unknown>;
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, milliseconds);
    function finish(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/**
 * Polls with capped exponential backoff until the statement is finished, the overall timeout passes
 * or the signal aborts. On timeout or abort the engine is asked to stop the statement (so nothing
 * keeps running, and billing, after we gave up) and StatementInterrupted is thrown.
 */
export async function pollUntilFinished<Status>(
  task: PollTask<Status>,
  options: { schedule: PollSchedule; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<Status> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.schedule.initialDelayMs;
  for (;;) {
    const status = await task.poll();
    if (task.isFinished(status)) return status;
    const reason: InterruptReason | undefined = options.signal?.aborted ? 'cancelled' : Date.now() >= deadline ? 'timeout' : undefined;
    if (reason !== undefined) {
      await task.cancel().catch(() => undefined);
      throw new StatementInterrupted(reason);
    }
    await sleep(Math.min(delay, Math.max(1, deadline - Date.now())), options.signal);
    delay = Math.min(delay * 2, options.schedule.maxDelayMs);
  }
}
