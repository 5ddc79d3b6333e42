import type { PipelineObserver } from '../metrics/pipeline-observer.js';
import type { QueryResponse } from '../schemas/query-schema.js';
import { raceAbortReason } from './abort-reason-race.js';

/** An answer, and whether the cache (or an identical question answered meanwhile) gave it. */
export interface SettledAnswer {
  /** The response. */
  readonly response: QueryResponse;
  /** `hit` when it was replayed. */
  readonly cache: 'hit' | 'miss';
}

/**
 * What every answer ends with, whichever way it was found: shutdown's end of grace ends it at once,
 * even while the model or the source ignores the signal; and it ends with one `onComplete` event,
 * answered or not, for metrics and the audit log.
 */
export async function settleAnswer(
  run: { readonly observer?: PipelineObserver | undefined; readonly signal?: AbortSignal | undefined },
  answering: () => Promise<SettledAnswer>,
): Promise<QueryResponse> {
  const started = performance.now();
  const complete = (event: { response?: QueryResponse; error?: unknown; cache: 'hit' | 'miss' }): void => {
    try {
      run.observer?.onComplete?.({ ...event, durationMs: performance.now() - started });
    } catch {
      // Metrics and audit are the observer's to report; they must never turn an answer into a 500.
    }
  };
  try {
    const { response, cache } = await raceAbortReason(answering(), run.signal);
    complete({ response, cache });
    return response;
  } catch (error) {
    complete({ error, cache: 'miss' });
    throw error;
  }
}
