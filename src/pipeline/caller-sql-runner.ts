import type { SourceScope } from '../access/source-scope.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { QueryResult } from '../connectors/connector.js';
import { withUniformNumericColumns } from '../connectors/json-safe-values.js';
import { requireSqlDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { guardRuleRepairs } from '../guard/guard-rejection.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import { observeGuard } from '../metrics/observed-guard.js';
import type { QueryResponse } from '../schemas/query-schema.js';
import type { SourceRegistry } from '../sources/source-registry.js';
import { raceAbortReason } from './abort-reason-race.js';
import type { PipelineObserver } from './pipeline-observer.js';
import { sourceGuardFacts } from './source-guard-facts.js';

/** What guarding and running SQL on a named source needs. */
export interface CallerSqlDependencies {
  /** The current catalog snapshot. */
  readonly catalog: CatalogService;
  /** The configured sources: connectors, timeouts, row caps and default schemas. */
  readonly sources: SourceRegistry;
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
 * Guards and runs SQL written outside the attempt loop, exactly as an answer's SQL is judged: the
 * key's scope (a forbidden source, or a table of one, is 403), the source's tables, its PII columns,
 * its allowed functions and its sessions' quoting, the row-limit rewrite at the row cap, then the
 * source's statement timeout. A refusal ends it: nobody is asked to repair it.
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
  const maxRows = handle.maxRowsFor(request.maxRows);
  const allowedTables = request.allowedTables === undefined ? source.tables.map((table) => table.name) : [...request.allowedTables];
  const guard = observeGuard(request.scope.scopeGuard(dependencies.guard, snapshot.sources), request.observer);
  const verdict = guard.check({
    sql: request.sql,
    dialect: requireSqlDialect(source.dialect),
    allowedTables,
    // From the current catalog: a column marked PII since the statement was first written is protected too.
    ...sourceGuardFacts(source, handle.connector),
    rowLimit: maxRows + 1,
    ...(handle.defaultSchema === undefined ? {} : { defaultSchema: handle.defaultSchema }),
  });
  if (!verdict.allowed) {
    // The writer may rewrite it as a model would: `advice` says what a rewrite must change, null when none may.
    const advice = guardRuleRepairs[verdict.rule];
    throw new SwitchyardError('SWY_ERR_SQL_REJECTED', `The SQL was rejected: ${verdict.reason}`, {
      details: { rule: verdict.rule, reason: verdict.reason, repairable: advice !== null, advice, source: source.name },
    });
  }
  const running = handle.connector.execute(verdict.sql, { maxRows, timeoutMs: handle.timeoutMs, ...(request.signal ? { signal: request.signal } : {}) });
  const result = await raceAbortReason(running, request.signal);
  return {
    source: source.name,
    sql: verdict.sql,
    allowedTables,
    result: withUniformNumericColumns(result),
    guard: { verdict: 'allowed', limitApplied: verdict.limitApplied, ...(verdict.limitApplied ? { rowLimit: maxRows + 1 } : {}), functions: verdict.functions },
  };
}
