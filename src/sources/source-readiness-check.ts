import type { SourceStatus } from './source-status.js';

/** Readiness of one source. */
export interface SourceReadiness {
  /** Source name. */
  readonly name: string;
  /** True when the catalog serves the source as loaded (and its engine answered the ping). */
  readonly healthy: boolean;
  /** Why it is not. */
  readonly error?: string;
}

/** What the readiness check pings, reads and updates. */
export interface ReadinessSubject {
  /** Configured source names, in order. */
  readonly names: readonly string[];
  /** Pings a source's engine; rejects when it does not answer. */
  ping(name: string): Promise<void>;
  /** The load state the catalog serves for a source now; undefined before the first load. */
  servedStatus(name: string): SourceStatus | undefined;
  /** Marks a served source unavailable, so its load is retried. */
  markUnavailable(name: string, error: string): void;
  /** Loads an unavailable source now rather than at its next retry. */
  retryLoadNow(name: string): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Pings every source concurrently and reports each as the catalog serves it, so /ready never
 * disagrees with /sources, /catalog/status or routing: a served source whose ping fails is marked
 * unavailable (and retried), and an unavailable one that answers is loaded now rather than later.
 */
export async function checkSourceReadiness(subject: ReadinessSubject): Promise<SourceReadiness[]> {
  const pings = await Promise.all(
    subject.names.map(async (name): Promise<SourceReadiness> => {
      try {
        await subject.ping(name);
        return { name, healthy: true };
      } catch (error) {
        return { name, healthy: false, error: messageOf(error) };
      }
    }),
  );
  for (const ping of pings) {
    if (ping.error !== undefined) subject.markUnavailable(ping.name, ping.error);
    else if (subject.servedStatus(ping.name)?.healthy === false) subject.retryLoadNow(ping.name);
  }
  return pings.map((ping) => {
    const status = subject.servedStatus(ping.name);
    // Before the first snapshot there is nothing served to agree with: the ping is all there is.
    if (status === undefined) return ping;
    if (status.healthy) return { name: ping.name, healthy: true };
    return { name: ping.name, healthy: false, ...(status.error ? { error: status.error } : {}) };
  });
}
