import type { SourceScope } from '../../../access/source-scope.js';
import type { CatalogSource } from '../../../catalog/catalog-types.js';
import { SwitchyardError } from '../../../errors/switchyard-error.js';
import { readFederatedSource } from '../../../federation/federated-source-reader.js';
import { sourcePartExecutor } from '../../../federation/source-part-executor.js';
import { planFederatedQuery } from '../../../federation/federated-query-planner.js';
import type { FederatedRun } from '../../../federation/federated-plan.js';
import { runFederatedPlan } from '../../../federation/federated-plan-runner.js';
import type { FederationLimits } from '../../../federation/federation-limits.js';
import type { SqlGuard } from '../../../guard/sql-guard.js';
import type { PipelineObserver } from '../../../metrics/pipeline-observer.js';
import type { PipelineSources } from '../../pipeline-catalog.js';
import type { StageContext } from '../../stage-context.js';
import type { AttemptFailure, CheckedStatement, QueryLanguage, RefusedStatement, RunOutcome, StatementRunner, UnusableReply } from '../query-language.js';
import { refusedBy } from '../sql/sql-query-language.js';
import type { SqlStatement } from '../sql/sql-writer.js';
import { generateFederatedSql, repairFederatedSql, type FederatedWritingTask } from './federated-sql-writer.js';

/** The sources one federated request reads, and the limits it runs within. */
export interface FederatedTarget {
  /** The chosen sources, as the current catalog holds them. */
  readonly sources: readonly CatalogSource[];
  /** Every configured source's handle: connector (behind its breaker and concurrency limit), timeout, default schema. */
  readonly handles: PipelineSources;
  /** Tables a query may read, source-qualified (`hr.employees`). */
  readonly allowedTables: readonly string[];
  /** Rows the answer returns at most. */
  readonly maxRows: number;
  /** Per-part caps and the combine step's limits. */
  readonly limits: FederationLimits;
  /** Aborted when the client goes away or shutdown's grace period ends. */
  readonly signal?: AbortSignal | undefined;
}

/** What checks a federated query besides the planner's own guard steps. */
export interface FederatedChecks {
  /** The read-only guard, which judges the combine query as DuckDB SQL and every part in its source's dialect. */
  readonly guard: SqlGuard;
  /** The client's scope and the catalog's sources: a table of a source the client may not use ends the request with 403. */
  readonly access?: { readonly scope: SourceScope; readonly sources: readonly CatalogSource[] } | undefined;
  /** Told of every guard refusal and every finished part. */
  readonly observer?: PipelineObserver | undefined;
}


/**
 * Federated statements: one DuckDB query over source-qualified tables, checked and planned into one
 * extraction per source table (each guarded in its source's dialect, PII never extracted), run part by
 * part on the sources in parallel and combined in an embedded, sandboxed DuckDB.
 */
export class FederatedStatementRunner implements StatementRunner<SqlStatement> {
  readonly requestLanguage = 'sql';
  readonly offersDownload = true;
  protected readonly target: FederatedTarget;
  protected readonly checks: FederatedChecks;

  constructor(target: FederatedTarget, checks: FederatedChecks) {
    this.target = target;
    this.checks = checks;
  }

  reread(text: string): SqlStatement {
    return { kind: 'statement', text, statementCount: 1 };
  }

  async check(statement: SqlStatement): Promise<CheckedStatement | RefusedStatement> {
    const { guard, access, observer } = this.checks;
    if (statement.statementCount > 1) {
      return refusedBy('multiple-statements', `The reply holds ${statement.statementCount} statements; exactly one query may run.`, statement.text);
    }
    const planning = planFederatedQuery({
      sql: statement.text,
      sources: await Promise.all(this.target.sources.map((source) => readFederatedSource(source, this.target.handles.handle(source.name)))),
      guard,
      rowLimit: this.target.maxRows + 1,
      partRowCap: this.target.limits.partMaxRows,
    });
    if (!planning.allowed) {
      // A table of a source the client's key may not read is not a mistake to repair: the request ends with 403.
      access?.scope.assertNoForbiddenTable(guard, planning.guardRequest, planning, access.sources);
      observer?.onGuardRejection?.({ rule: planning.rule });
      return refusedBy(planning.rule, planning.reason, statement.text);
    }
    const { plan, limitApplied, functions } = planning;
    return {
      allowed: true,
      runnable: plan.combineSql,
      federatedPlan: plan,
      verdict: { verdict: 'allowed', limitApplied, functions, ...(limitApplied ? { rowLimit: this.target.maxRows + 1 } : {}) },
    };
  }

  async run(checked: CheckedStatement): Promise<RunOutcome> {
    const plan = checked.federatedPlan;
    // Only this runner's check makes these statements, and it always attaches the plan.
    if (plan === undefined) throw new SwitchyardError('SWY_ERR_INTERNAL', 'A federated statement reached the run without its plan');
    const { handles, limits, maxRows, signal } = this.target;
    const { observer } = this.checks;
    const run: FederatedRun = await runFederatedPlan(plan, {
      limits,
      maxRows,
      ...(signal ? { signal } : {}),
      runPart: sourcePartExecutor((name) => handles.handle(name)),
      // With the guard, a part the query joins to a filtered part is narrowed to that part's join keys, guarded again.
      guard: this.checks.guard,
      onPart: (report) => {
        const part = plan.parts.find((candidate) => candidate.index === report.index);
        if (part === undefined) return;
        observer?.onPart?.({ index: part.index, source: part.source, table: part.table, sql: report.sql, pushedFilters: [...part.pushedFilters], rows: report.rows, bytes: report.bytes, milliseconds: report.milliseconds });
      },
    });
    return { result: run.result, verdict: checked.verdict, federatedRun: run };
  }

}

/** The federated language: chain 2 writes one DuckDB query over every chosen source; the steps above check and run it. */
export class FederatedQueryLanguage extends FederatedStatementRunner implements QueryLanguage<SqlStatement> {
  readonly subject = 'SQL';
  readonly #context: StageContext;
  readonly #task: FederatedWritingTask;

  constructor(target: FederatedTarget, checks: FederatedChecks, writing: { readonly context: StageContext; readonly task: FederatedWritingTask }) {
    super(target, checks);
    this.#context = writing.context;
    this.#task = writing.task;
  }

  write(failure: AttemptFailure | undefined): Promise<SqlStatement | UnusableReply> {
    return failure === undefined ? generateFederatedSql(this.#context, this.#task) : repairFederatedSql(this.#context, this.#task, failure);
  }
}
