import os from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult } from '../connectors/connector.js';
import { readDuckDbRows } from '../connectors/duckdb/duckdb-result-reader.js';
import { StatementWatch } from '../connectors/common/statement-watch.js';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { giveBackSandboxedInstance, takeSandboxedInstance, type CombineInstance } from './combine-sandbox.js';
import { combineStepError } from './combine-step-error.js';
import { loadCombineTable } from './combine-table-loader.js';
import type { FederatedPart } from './federated-plan.js';
import type { PartResult } from './part-result-reader.js';

// DuckDB clears an interrupt that lands before a statement starts, so a stopped step is interrupted again at this interval.
const interruptEveryMs = 50;

/** One extracted part, its rows aligned with `part.columns`. */
export interface CombinePartRows {
  /** The part. */
  readonly part: FederatedPart;
  /** Its rows (or DuckDB chunks), with one result column per `part.columns` entry, typed as the connector reported (or as the catalog says, for REST). */
  readonly result: PartResult;
}

/** What the combine step runs, and within which limits. */
export interface CombineStepInput {
  /** The guarded combine query (DuckDB SQL over `<source>.<table>`). */
  readonly combineSql: string;
  /** Every part's rows. */
  readonly parts: readonly CombinePartRows[];
  /** Rows the answer returns at most; one more is read to tell a truncated result. */
  readonly maxRows: number;
  /** DuckDB's memory limit in MB. */
  readonly memoryLimitMb: number;
  /** Time for loading the parts and running the query, in milliseconds. */
  readonly timeoutMs: number;
  /** DuckDB threads; default min(4, available parallelism). */
  readonly threads?: number;
  /** Cancels the step. */
  readonly signal?: AbortSignal;
}

/**
 * The combine step of a federated answer: loads every part into a sandboxed in-memory DuckDB that
 * serves this answer alone (see combine-sandbox.ts), one attached database per source, and runs the
 * combine query there, reading at most `maxRows` + 1 rows. The timeout and the caller's signal
 * interrupt whichever statement runs. After a step that succeeded, the instance is given back once
 * its databases are detached and it is found as it was made; after any failure it is closed (or, if
 * a statement left it unusable, kept open so closing cannot crash the process).
 *
 * Errors: SWY_ERR_QUERY_FAILED (repairable) with DuckDB's own message for a query DuckDB refuses,
 * SWY_ERR_QUERY_TIMEOUT, SWY_ERR_QUERY_CANCELLED, SWY_ERR_FEDERATION_COMBINE_OUT_OF_MEMORY, and
 * SWY_ERR_INTERNAL for a part that could not be loaded.
 */
export async function runCombineStep(input: CombineStepInput): Promise<QueryResult> {
  if (input.signal?.aborted) throw new SwitchyardError('SWY_ERR_QUERY_CANCELLED', 'The federated answer was cancelled before its combine step.');
  const threads = input.threads ?? Math.min(4, os.availableParallelism());
  const sources = [...new Set(input.parts.map(({ part }) => part.source))];
  let running: DuckDBConnection | undefined;
  const watch = new StatementWatch(() => running?.interrupt(), {
    timeoutMs: input.timeoutMs,
    repeatEveryMs: interruptEveryMs,
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  let loading: FederatedPart | undefined;
  let combine: CombineInstance | undefined;
  let connection: DuckDBConnection | undefined;
  let succeeded = false;
  try {
    combine = await takeSandboxedInstance(input.memoryLimitMb, threads);
    connection = await combine.instance.connect();
    running = connection;
    // One in-memory database per source, so `hr.employees` and a schema-qualified `crm.analytics.orders` both resolve.
    if (sources.length > 0) await connection.run(sources.map((source) => `ATTACH ':memory:' AS ${quoteWithDoubleQuotes(source)} (READ_WRITE)`).join(';\n'));
    for (const { part, result } of input.parts) {
      loading = part;
      await loadCombineTable(connection, part, result, watch.stopped);
    }
    loading = undefined;
    watch.throwIfInterrupted();
    const rows = await readDuckDbRows(connection, input.combineSql, input.maxRows);
    watch.throwIfInterrupted();
    succeeded = true;
    return rows;
  } catch (error) {
    throw combineStepError(error, { reason: watch.reason, loading, memoryLimitMb: input.memoryLimitMb, timeoutMs: input.timeoutMs });
  } finally {
    running = undefined;
    watch.dispose();
    // A served instance is checked after the answer is returned, off its path; any other is closed now.
    if (combine !== undefined && connection !== undefined && succeeded) giveBackSandboxedInstance(combine, connection, true).catch(() => undefined);
    else if (combine !== undefined) await giveBackSandboxedInstance(combine, connection, false);
  }
}
