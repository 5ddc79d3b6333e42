import type { Connector, QueryResult } from '../connectors/connector.js';
import { requireSqlDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { QueryAttempt, QueryResponse } from '../schemas/query-schema.js';
import { generateSql, repairSql, type GenerationInput } from './generate-stage.js';
import { runHttpRequestAttempts } from './http-request-stage.js';
import type { PipelineObserver } from './pipeline-observer.js';
import type { StageContext } from './stage-context.js';
import type { StageTimer } from './stage-timer.js';

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

// Guard rules that a model can fix by writing different SQL; every other rejection is a policy
// violation and ends the request at once, so a hostile question gets no extra tries.
const repairableGuardRules = new Set(['parse-error', 'unknown-table']);
// Database errors that mean "this SQL is wrong or too heavy", as opposed to "the source is down".
const repairableQueryCodes = new Set(['SWY_ERR_QUERY_FAILED', 'SWY_ERR_QUERY_TIMEOUT']);

/**
 * Writes SQL, proves it read-only, runs it, and on a database error asks the model to repair it
 * from the engine's own message, up to `maxAttempts` attempts in all.
 */
export async function runSqlAttempts(input: SqlAttemptInput): Promise<SqlAttemptOutcome> {
  // A REST source speaks validated GET plans, not SQL: same attempts and repair, no SQL guard.
  if (input.connector.requestLanguage === 'http-get') return runHttpRequestAttempts(input);
  const { context, timer, generation } = input;
  const attempts: QueryAttempt[] = [];
  const record = (attempt: QueryAttempt): void => {
    attempts.push(attempt);
    input.observer?.onAttempt?.({ ...attempt, attempt: attempts.length });
  };
  const allowedTables = generation.source.tables.map((table) => table.name);
  const guardDialect = requireSqlDialect(generation.dialect.name);
  let previous: { sql: string; error: string } | undefined;

  for (let attempt = 1; attempt <= input.maxAttempts; attempt += 1) {
    const generated = await timer.measure('generate', () =>
      previous === undefined ? generateSql(context, generation) : repairSql(context, { ...generation, failedSql: previous.sql, error: previous.error }),
    );
    if (generated.sql === undefined) {
      const error = 'The model reply contained no SQL inside <sql></sql> tags.';
      record({ sql: '', error });
      previous = { sql: generated.reply.slice(0, 2000), error };
      continue;
    }
    const candidate = generated.sql;
    const verdict = await timer.measure('guard', () =>
      input.guard.check({
        sql: candidate,
        dialect: guardDialect,
        allowedTables,
        rowLimit: input.maxRows + 1,
        ...(input.defaultSchema === undefined ? {} : { defaultSchema: input.defaultSchema }),
      }),
    );
    if (!verdict.allowed) {
      const error = `Rejected by the read-only guard (${verdict.rule}): ${verdict.reason}`;
      record({ sql: candidate, error });
      if (!repairableGuardRules.has(verdict.rule)) {
        throw new SwitchyardError('SWY_ERR_SQL_REJECTED', `The generated SQL was rejected: ${verdict.reason}`, {
          details: { rule: verdict.rule, reason: verdict.reason, sql: candidate, attempts },
        });
      }
      previous = { sql: candidate, error };
      continue;
    }
    const guard = { verdict: 'allowed' as const, limitApplied: verdict.limitApplied, functions: verdict.functions };
    if (input.dryRun) {
      record({ sql: verdict.sql });
      return { sql: verdict.sql, attempts, guard };
    }
    try {
      const result = await timer.measure('execute', () =>
        input.connector.execute(verdict.sql, {
          maxRows: input.maxRows,
          timeoutMs: input.timeoutMs,
          ...(context.signal ? { signal: context.signal } : {}),
        }),
      );
      record({ sql: verdict.sql });
      return { sql: verdict.sql, result, attempts, guard };
    } catch (error) {
      if (!SwitchyardError.isInstance(error) || !repairableQueryCodes.has(error.code)) throw error;
      record({ sql: verdict.sql, error: error.message });
      previous = { sql: verdict.sql, error: error.message };
    }
  }
  const lastRejection = attempts.at(-1)?.error ?? 'unknown error';
  throw new SwitchyardError(
    'SWY_ERR_REPAIR_EXHAUSTED',
    `No working SQL after ${attempts.length} attempt${attempts.length === 1 ? '' : 's'}; the last error was: ${lastRejection}`,
    { details: { attempts } },
  );
}
