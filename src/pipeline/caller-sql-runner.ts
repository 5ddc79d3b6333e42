import type { SourceScope } from '../access/source-scope.js';
import type { QueryResult } from '../connectors/connector.js';
import { withUniformNumericColumns } from '../connectors/common/json-safe-values.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { PipelineObserver } from '../metrics/pipeline-observer.js';
import type { QueryResponse } from '../schemas/query-schema.js';
import { raceAbortReason } from './abort-reason-race.js';
import { statementRunnerFor } from './languages/source-language.js';
import type { PipelineCatalog, PipelineSources } from './pipeline-catalog.js';

/** What guarding and running SQL on a named source needs. */
export interface CallerSqlDependencies {
  /** The current catalog snapshot. */
  readonly catalog: PipelineCatalog;
  /** The configured sources: connectors, timeouts, row caps and default schemas. */
  readonly sources: PipelineSources;
  /** The read-only guard. */
  readonly guard: SqlGuard;
}

/** One statement someone wrote (an agent, or the model of an earlier answer), to run on a named source. */
export interface CallerSqlRequest {
  /** The SQL as written; the guard proves it read-only and caps its rows before anything runs. */
  readonly sql: string;
  /** The source to run it on. */
  readonly source: string;
  /** The sources the caller may query. */
  readonly scope: SourceScope;
  /** Tables it may read; default every table of the source the catalog serves. */
  readonly allowedTables?: readonly string[];
  /** Rows to return at most, before the source's own `maxRows` lowers it further. */
  readonly maxRows: number;
  /** Cancels the statement. */
  readonly signal?: AbortSignal;
  /** Told of the guard's refusals, for metrics. */
  readonly observer?: PipelineObserver;
}

/** The statement that ran and its rows. */
export interface CallerSqlOutcome {
  /** The source it ran on. */
  readonly source: string;
  /** The SQL as run: the guard's rewrite, with its LIMIT. */
  readonly sql: string;
  /** Tables it was allowed to read (what a later re-run is allowed again). */
  readonly allowedTables: string[];
  /** Its rows. */
  readonly result: QueryResult;
  /** The guard's verdict. */
  readonly guard: QueryResponse['guard'];
}

/**
 * Guards and runs SQL written outside the attempt loop through the same SQL statement runner that
 * checks an answer's SQL: the key's scope (a forbidden source, or a table of one, is 403), the
 * source's tables, its PII columns, its allowed functions and its sessions' quoting, the row-limit
 * rewrite at the row cap, then the source's statement timeout. A refusal ends it: nobody is asked to
 * repair it, but its error says what a rewrite must change.
 */
export async function runCallerSql(dependencies: CallerSqlDependencies, request: CallerSqlRequest): Promise<CallerSqlOutcome> {
  const { catalog, sources } = dependencies;
  const snapshot = catalog.snapshot;
  // Said as 403 only for a source that exists; an unknown one is 404 listing only the scope's sources.
  if (snapshot.sources.some((source) => source.name === request.source)) request.scope.assertAllowed(request.source);
  const source = catalog.source(request.source, request.scope);
  const handle = sources.handle(source.name);
  if (handle.requestLanguage !== 'sql') {
    throw new SwitchyardError('SWY_ERR_VALIDATION', `Source "${source.name}" answers HTTP requests, not SQL; ask it a question in words instead`, {
      details: { source: source.name, requestLanguage: handle.requestLanguage },
    });
  }
  if (source.tables.length === 0) {
    throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${source.name}" has no tables loaded${source.status.error ? `: ${source.status.error}` : ''}`, {
      details: { source: source.name },
    });
  }
  const allowedTables = request.allowedTables === undefined ? source.tables.map((table) => table.name) : [...request.allowedTables];
  const runner = statementRunnerFor(
    { source, handle, allowedTables, maxRows: handle.maxRowsFor(request.maxRows), signal: request.signal },
    { guard: dependencies.guard, access: { scope: request.scope, sources: snapshot.sources }, observer: request.observer },
  );
  const statement = runner.reread(request.sql);
  if (statement.kind === 'unusable') throw new SwitchyardError('SWY_ERR_SQL_REJECTED', `The SQL was rejected: ${statement.error}`, { details: { source: source.name } });
  const checked = await runner.check(statement);
  if (!checked.allowed) {
    // The writer may rewrite it as a model would: `advice` says what a rewrite must change, null when none may.
    const advice = checked.refusal?.advice ?? null;
    throw new SwitchyardError('SWY_ERR_SQL_REJECTED', `The SQL was rejected: ${checked.reason}`, {
      details: { ...(checked.rule === undefined ? {} : { rule: checked.rule }), reason: checked.reason, repairable: advice !== null, advice, source: source.name },
    });
  }
  const { result, verdict } = await raceAbortReason(runner.run(checked), request.signal);
  return { source: source.name, sql: checked.runnable, allowedTables, result: withUniformNumericColumns(result), guard: verdict };
}
