import type { ChunkQueryResult, QueryResult } from '../connectors/connector.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import { runCombineStep, type CombinePartRows } from './combine-engine.js';
import type { FederatedPart, FederatedPartReport, FederatedPlan, FederatedRun } from './federated-plan.js';
import type { FederationLimits } from './federation-limits.js';
import { keyFilteredStatements } from './key-filter-writer.js';
import { alignPartResult, concatPartResults, partJsonSize, partRowCount, type PartResult } from './part-result-reader.js';
import { partTooLargeError } from './part-too-large-error.js';

/** One statement of a part to run on its source. */
export interface FederatedPartRequest {
  /** The SQL statement, or the GET request text of a REST part. */
  readonly statement: string;
  /** Rows to read at most; the connector reads one more and reports `truncated` when there were more. */
  readonly maxRows: number;
  /** Aborted when another part failed or the caller cancelled: the statement must stop. */
  readonly signal: AbortSignal;
}

/**
 * Runs one statement of a part on its source: the caller supplies the source's resilient connector,
 * with that source's timeout, concurrency limit and breaker (`connector.execute(statement, …)`, or
 * `executeChunks` for an in-process DuckDB source, whose chunks the combine step appends unconverted).
 */
export type FederatedPartExecutor = (part: FederatedPart, request: FederatedPartRequest) => Promise<QueryResult | ChunkQueryResult>;

/** How a federated plan runs. */
export interface FederatedRunOptions {
  /** Runs one statement of a part on its source. */
  readonly runPart: FederatedPartExecutor;
  /** Rows the answer returns at most. */
  readonly maxRows: number;
  /** Part caps and the combine step's memory and time. */
  readonly limits: FederationLimits;
  /** Threads of the combine step's DuckDB (default min(4, available parallelism)). */
  readonly combineThreads?: number;
  /** Cancels every part and the combine step. */
  readonly signal?: AbortSignal;
  /** Told of each part as it completes, for progress events. */
  readonly onPart?: (report: FederatedPartReport) => void;
  /** The read-only guard, which judges a part's extraction again once key filters are added; without it key filters are not applied. */
  readonly guard?: SqlGuard;
}

/** A part's failure with the part named; the code, retryability and the engine's own message are kept. */
function partFailure(part: FederatedPart, error: unknown): SwitchyardError {
  const failure = SwitchyardError.isInstance(error)
    ? error
    : new SwitchyardError('SWY_ERR_INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
  if (failure.code === 'SWY_ERR_FEDERATION_PART_TOO_LARGE') return failure;
  return new SwitchyardError(failure.code, `Part #${part.index} of the federated answer (${part.combineTable} on source "${part.source}"): ${failure.message}`, {
    details: { ...failure.details, part: part.index, source: part.source, table: part.table },
    isRetryable: failure.isRetryable,
    cause: failure,
  });
}

/** One part's rows and report. */
interface Extracted {
  /** The part and its rows, aligned with its columns. */
  readonly rows: CombinePartRows;
  /** How it ran. */
  readonly report: FederatedPartReport;
}

/** Runs one part's statements in order, within its caps; its rows aligned with its columns. */
async function extractPart(part: FederatedPart, statements: readonly string[], options: FederatedRunOptions, signal: AbortSignal): Promise<Extracted> {
  const started = performance.now();
  const { partMaxBytes } = options.limits;
  // The part's SQL is limited to one past the cap it was planned with; a larger cap here would read that limit as all rows.
  const partMaxRows = Math.min(options.limits.partMaxRows, part.rowCap);
  let result: PartResult = { columns: part.columns.map((name, index) => ({ name, type: part.columnTypes[index] ?? 'varchar' })), rows: [], truncated: false };
  let bytes = 0;
  for (const [position, statement] of statements.entries()) {
    signal.throwIfAborted();
    const answer = alignPartResult(part, await options.runPart(part, { statement, maxRows: partMaxRows - partRowCount(result), signal }));
    if (answer.truncated || partRowCount(result) + partRowCount(answer) > partMaxRows) throw partTooLargeError(part, { kind: 'rows', cap: partMaxRows });
    bytes += partJsonSize(answer);
    if (bytes > partMaxBytes) throw partTooLargeError(part, { kind: 'bytes', bytes, cap: partMaxBytes });
    // The first statement's column types stand for all: a REST part's types come from the catalog anyway.
    result = position === 0 ? answer : concatPartResults(result, answer);
  }
  const report = { index: part.index, source: part.source, table: part.table, rows: partRowCount(result), bytes, milliseconds: performance.now() - started, sql: statements.join('\n') };
  return { rows: { part, result }, report };
}

/** Runs a part once the parts giving its key values are done, with its key filters applied (without a guard, as planned). */
async function extractAfterKeys(part: FederatedPart, extractions: ReadonlyMap<number, Promise<Extracted>>, options: FederatedRunOptions, signal: AbortSignal): Promise<Extracted> {
  if (part.keyFilters.length === 0 || options.guard === undefined) return extractPart(part, part.statements, options, signal);
  const done = new Map<number, CombinePartRows>();
  for (const index of new Set(part.keyFilters.map((filter) => filter.fromPart))) {
    const from = await extractions.get(index);
    if (from !== undefined) done.set(index, from.rows);
  }
  return extractPart(part, keyFilteredStatements(part, done, options.guard), options, signal);
}

/**
 * Runs a federated plan: every part in parallel through its source's connector, each measured (rows,
 * bytes, time) and held to the part caps, then the combine step over their rows. A part with key
 * filters starts once the parts giving its values are done (with `guard`; see key-filter-writer.ts). The first part that
 * fails (source down, breaker open, timeout, over its cap) aborts the others through their signal,
 * and the plan fails with that part's error naming it, once every part has stopped; the caller's
 * signal cancels everything (SWY_ERR_QUERY_CANCELLED). Nothing is ever truncated silently: a part
 * past its cap fails the answer with SWY_ERR_FEDERATION_PART_TOO_LARGE.
 */
export async function runFederatedPlan(plan: FederatedPlan, options: FederatedRunOptions): Promise<FederatedRun> {
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  let firstFailure: SwitchyardError | undefined;
  const recordFailure = (part: FederatedPart, error: unknown) => {
    if (firstFailure === undefined && !stop.signal.aborted) firstFailure = partFailure(part, error);
    stop.abort();
  };
  // Parts giving key values never wait themselves; started first, they are there for every part that waits for them.
  const extractions = new Map<number, Promise<Extracted>>();
  for (const part of [...plan.parts].sort((left, right) => left.keyFilters.length - right.keyFilters.length)) {
    const extraction = extractAfterKeys(part, extractions, options, signal);
    extractions.set(part.index, extraction);
    extraction.then(
      (extracted) => {
        try {
          options.onPart?.(extracted.report);
        } catch {
          // A progress listener's failure is not the answer's: the plan runs on.
        }
      },
      (error: unknown) => recordFailure(part, error),
    );
  }
  const settled = await Promise.allSettled(plan.parts.map((part) => extractions.get(part.index)));
  if (options.signal?.aborted) throw new SwitchyardError('SWY_ERR_QUERY_CANCELLED', 'The federated answer was cancelled.', { cause: options.signal.reason });
  if (firstFailure !== undefined) throw firstFailure;
  const extracted = settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined)).filter((value) => value !== undefined);
  const started = performance.now();
  const result = await runCombineStep({
    combineSql: plan.combineSql,
    parts: extracted.map((part) => part.rows),
    maxRows: options.maxRows,
    memoryLimitMb: options.limits.combineMemoryMb,
    timeoutMs: options.limits.combineTimeoutMs,
    ...(options.combineThreads === undefined ? {} : { threads: options.combineThreads }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { result, parts: extracted.map((part) => part.report), combineMilliseconds: performance.now() - started };
}
