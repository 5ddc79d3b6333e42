import type { ResultColumn } from '../connectors/connector.js';
import type { FederatedPartSummary, QueryAttempt, QueryResponse } from '../schemas/query-schema.js';

/**
 * Receives pipeline events as they happen, for streaming responses and metrics. Every member is
 * optional; observers must not throw (a failing observer would fail the question).
 */
export interface PipelineObserver {
  /** The source and tables were chosen. */
  onRoute?(event: { source: string; tables: string[] }): void;
  /** One SQL attempt finished: ran, failed on the database, or was rejected by the guard. */
  onAttempt?(event: QueryAttempt & { attempt: number }): void;
  /** One extraction of a federated answer finished: its source, table, SQL, rows moved and time. */
  onPart?(event: FederatedPartSummary & { rows: number; bytes: number; milliseconds: number }): void;
  /** Rows arrived from the source. */
  onRows?(event: { columns: ResultColumn[]; rows: unknown[][]; truncated: boolean }): void;
  /** A piece of the answer arrived as the model streamed it (single explanation call, or the final merge call). */
  onAnswerToken?(event: { text: string }): void;
  /** The guard refused one statement, by its stable rule name. */
  onGuardRejection?(event: { rule: string }): void;
  /** The question finished, answered (`response`) or failed (`error`): one event per question, cache hits included. */
  onComplete?(event: { response?: QueryResponse; error?: unknown; cache: 'hit' | 'miss'; durationMs: number }): void;
}

/** Calls every observer's handlers in turn, so a stream or progress reporter does not displace the metrics and audit observer. */
export function combineObservers(...observers: (PipelineObserver | undefined)[]): PipelineObserver {
  const handlers = new Map<string, ((event: unknown) => void)[]>();
  for (const observer of observers) {
    for (const [name, handler] of Object.entries(observer ?? {})) {
      if (typeof handler !== 'function') continue;
      handlers.set(name, [...(handlers.get(name) ?? []), (handler as (event: unknown) => void).bind(observer)]);
    }
  }
  return Object.fromEntries(
    [...handlers].map(([name, list]) => [name, (event: unknown) => list.forEach((handler) => handler(event))]),
  ) as PipelineObserver;
}
