import type { SourceStatus } from './source-status.js';

/** What the retry of failed source loads needs. */
export interface SourceLoadRetryOptions {
  /** First delay in milliseconds, doubled after each failed attempt (SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS). */
  readonly baseMs: number;
  /** Upper bound of any delay in milliseconds (SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS). */
  readonly maxMs: number;
  /** Loads the named source again; the state the load ends in reaches `observe` through the registry. */
  readonly reload: (name: string) => Promise<unknown>;
  /** Where state changes are logged (pino-compatible). */
  readonly logger: { info(object: object, message?: string): void; warn(object: object, message?: string): void };
  /** Random number in [0, 1) for the jitter. Default is Math.random. */
  readonly random?: () => number;
}

/** One source waiting to load again. */
interface PendingLoad {
  /** Failed attempts so far, the first load included. */
  attempts: number;
  /** The timer of the next attempt; undefined while an attempt runs. */
  timer: NodeJS.Timeout | undefined;
  /** When the next attempt is due (epoch milliseconds). */
  dueAt: number;
  /** True once an attempt was brought forward in this outage; later ones keep to the backoff. */
  hurried: boolean;
}

/**
 * The delay before retry number `attempt` (0-based): doubled per attempt, capped at `maxMs`, and
 * "equal jitter" (half fixed, half random) so replicas started together do not reconnect in step
 * while no delay ever drops below half its step.
 */
export function sourceLoadRetryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Loads a source whose load failed again, with backoff and jitter, until it loads: a database that
 * was down at start-up (or went down at a refresh) comes back without a restart or an admin call.
 * It watches every load state the catalog serves, so a source's state has one owner whichever path
 * (start-up, schedule, admin refresh, a failed readiness ping) found it down. Logs once when a source
 * becomes unavailable and once when it loads again, never per attempt.
 */
export class SourceLoadRetry {
  readonly #options: SourceLoadRetryOptions;
  readonly #pending = new Map<string, PendingLoad>();
  #closed = false;

  constructor(options: SourceLoadRetryOptions) {
    this.#options = options;
  }

  /** Starts retrying the sources served as unavailable and stops for those served as loaded. */
  observe(sources: readonly { readonly name: string; readonly status: SourceStatus }[]): void {
    if (this.#closed) return;
    for (const source of sources) {
      const pending = this.#pending.get(source.name);
      if (source.status.healthy) {
        if (pending === undefined) continue;
        clearTimeout(pending.timer);
        this.#pending.delete(source.name);
        this.#options.logger.info({ source: source.name, failedAttempts: pending.attempts }, 'source loaded again; its load retries stop');
      } else if (pending === undefined) {
        const entry: PendingLoad = { attempts: 1, timer: undefined, dueAt: 0, hurried: false };
        this.#pending.set(source.name, entry);
        this.#schedule(source.name, entry);
        this.#options.logger.warn(
          { source: source.name, error: source.status.error, retryInMs: entry.dueAt - Date.now(), retryMaxMs: this.#options.maxMs },
          'source is unavailable; loading it again with backoff until it loads',
        );
      }
    }
  }

  /** When the next load of `name` is due (epoch milliseconds), or undefined when none is pending. */
  nextAttemptAt(name: string): number | undefined {
    return this.#pending.get(name)?.dueAt;
  }

  /**
   * Loads `name` now instead of at its due time, e.g. when a readiness ping found the server answering
   * again; once per outage, since a server can answer pings while its load keeps failing (no rights to
   * introspect, an invalid overlay), and every ping would otherwise skip the backoff.
   */
  hurry(name: string): void {
    const pending = this.#pending.get(name);
    if (pending === undefined || pending.timer === undefined || pending.hurried) return;
    pending.hurried = true;
    clearTimeout(pending.timer);
    this.#attempt(name, pending);
  }

  /** Stops every pending retry. */
  close(): void {
    this.#closed = true;
    for (const pending of this.#pending.values()) clearTimeout(pending.timer);
    this.#pending.clear();
  }

  #schedule(name: string, pending: PendingLoad): void {
    const delay = sourceLoadRetryDelayMs(pending.attempts - 1, this.#options.baseMs, this.#options.maxMs, this.#options.random);
    pending.dueAt = Date.now() + delay;
    pending.timer = setTimeout(() => this.#attempt(name, pending), delay);
    // A pending retry must never keep a process alive that is otherwise done.
    pending.timer.unref();
  }

  #attempt(name: string, pending: PendingLoad): void {
    pending.timer = undefined;
    // A failure here (another refresh running, an invalid overlay) is one more failed attempt.
    this.#options
      .reload(name)
      .catch(() => undefined)
      .then(() => {
        // Loaded (observe dropped the entry), closed, or a newer failure owns the source now.
        if (this.#closed || this.#pending.get(name) !== pending) return;
        pending.attempts += 1;
        this.#schedule(name, pending);
      });
  }
}
