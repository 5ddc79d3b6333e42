import type { Connector, QueryResult } from '../connectors/connector.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { QueryAttempt, QueryResponse } from '../schemas/query-schema.js';
import type { GenerationInput } from './generate-stage.js';
import type { PipelineObserver } from './pipeline-observer.js';
import type { StageContext } from './stage-context.js';
import type { StageTimer } from './stage-timer.js';

// The input and outcome of an attempt loop live apart from both loops (SQL and HTTP), so that the
// SQL loop can hand an HTTP source to the HTTP loop without the two modules importing each other.

/** Inputs of the generate → guard → execute → repair loop. */
export interface SqlAttemptInput {
  /** Request context. */
  readonly context: StageContext;
  /** Stage timer of the request. */
  readonly timer: StageTimer;
  /** The read-only guard. */
  readonly guard: SqlGuard;
  /** Connector of the routed source. */
  readonly connector: Connector;
  /** Question, source, tables and dialect. */
  readonly generation: GenerationInput;
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Rows to return at most. */
  readonly maxRows: number;
  /** The source's configured schema, so `schema.table` matches an allowed unqualified table. */
  readonly defaultSchema?: string | undefined;
  /** Statement timeout. */
  readonly timeoutMs: number;
  /** Stop after the guard; do not execute. */
  readonly dryRun: boolean;
  /** Told of every attempt as it finishes. */
  readonly observer?: PipelineObserver;
}

/** The loop's outcome: the final SQL, its rows (absent for dry runs) and every attempt. */
export interface SqlAttemptOutcome {
  /** The SQL that ran (or would run, for a dry run). */
  readonly sql: string;
  /** Rows, absent for dry runs. */
  readonly result?: QueryResult;
  /** Every attempt, in order. */
  readonly attempts: QueryAttempt[];
  /** The guard's verdict on the final SQL. */
  readonly guard: QueryResponse['guard'];
}
