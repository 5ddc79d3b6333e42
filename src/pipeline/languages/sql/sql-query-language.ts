import type { SourceScope } from '../../../access/source-scope.js';
import type { CatalogSource } from '../../../catalog/catalog-types.js';
import type { SqlDialect } from '../../../dialects/sql-dialect.js';
import { SwitchyardError } from '../../../errors/switchyard-error.js';
import { guardRuleRepairs, type GuardRule } from '../../../guard/guard-rejection.js';
import type { GuardRequest, SqlGuard } from '../../../guard/sql-guard.js';
import type { PipelineObserver } from '../../../metrics/pipeline-observer.js';
import type { StageContext } from '../../stage-context.js';
import type {
  AttemptFailure,
  CheckedStatement,
  QueryLanguage,
  RefusedStatement,
  RunOutcome,
  StatementRunner,
  StatementTarget,
  UnusableReply,
  WritingTask,
  WrittenStatement,
} from '../query-language.js';
import { sourceGuardFacts } from './source-guard-facts.js';
import { generateSql, repairSql, type SqlStatement } from './sql-writer.js';

/** What checks a SQL statement besides the guard's own rules. */
export interface SqlChecks {
  /** The read-only guard. */
  readonly guard: SqlGuard;
  /** The source's dialect. */
  readonly dialect: SqlDialect;
  /** The client's scope and the catalog's sources: a table of a source the client may not use ends the request with 403. */
  readonly access?: { readonly scope: SourceScope; readonly sources: readonly CatalogSource[] } | undefined;
  /** Told of every guard refusal by its rule, for the metric. */
  readonly observer?: PipelineObserver | undefined;
}

/** A refusal by `rule`: repairable when the guard has advice for it, else the end of the request. */
export function refusedBy(rule: GuardRule, reason: string, sql: string): RefusedStatement {
  const advice = guardRuleRepairs[rule];
  const failure = new SwitchyardError('SWY_ERR_SQL_REJECTED', `The generated SQL was rejected: ${reason}`, {
    details: { rule, reason, repairable: advice !== null, sql },
  });
  const error = `Rejected by the read-only guard (${rule}): ${reason}`;
  return advice === null ? { allowed: false, rule, reason, error, failure, final: true } : { allowed: false, rule, reason, error, failure, refusal: { rule, reason, advice } };
}

/**
 * SQL statements on one source, checked in explicit steps: the read-only guard with the source's
 * facts; a refused table that belongs to a source the client may not use ends the request with 403;
 * every refusal is told to the observer by its rule; a reply of several statements never runs.
 */
export class SqlStatementRunner implements StatementRunner<SqlStatement> {
  readonly requestLanguage = 'sql';
  readonly offersDownload = true;
  protected readonly target: StatementTarget;
  protected readonly checks: SqlChecks;

  constructor(target: StatementTarget, checks: SqlChecks) {
    this.target = target;
    this.checks = checks;
  }

  reread(text: string): SqlStatement {
    return { kind: 'statement', text, statementCount: 1 };
  }

  async check(statement: SqlStatement): Promise<CheckedStatement | RefusedStatement> {
    const { guard, access, observer } = this.checks;
    const request = this.#guardRequest(statement.text);
    const verdict = guard.check(request);
    if (!verdict.allowed) {
      // A table the client's key may not read is not a mistake to repair: the request ends with 403.
      access?.scope.assertNoForbiddenTable(guard, request, verdict, access.sources);
      // Counted by rule for the metric, never by message.
      observer?.onGuardRejection?.({ rule: verdict.rule });
      return refusedBy(verdict.rule, verdict.reason, statement.text);
    }
    // Several statements never run, even where the guard's grammar would read them as one.
    if (statement.statementCount > 1) {
      return refusedBy('multiple-statements', `The reply holds ${statement.statementCount} statements; exactly one query may run.`, statement.text);
    }
    const { limitApplied, functions } = verdict;
    // The LIMIT is one past the cap, so the rows tell whether the source holds more.
    return { allowed: true, runnable: verdict.sql, verdict: { verdict: 'allowed', limitApplied, functions, ...(limitApplied ? { rowLimit: this.target.maxRows + 1 } : {}) } };
  }

  async run(checked: CheckedStatement): Promise<RunOutcome> {
    const { handle, maxRows, signal } = this.target;
    const result = await handle.connector.execute(checked.runnable, { maxRows, timeoutMs: handle.timeoutMs, ...(signal ? { signal } : {}) });
    return { result, verdict: checked.verdict };
  }

  /** The guard's question about one statement; the source's facts are read per check, from the current catalog. */
  #guardRequest(sql: string): GuardRequest {
    const { source, handle, allowedTables, maxRows } = this.target;
    const { defaultSchema } = handle;
    return {
      sql,
      dialect: this.checks.dialect.name,
      allowedTables: [...allowedTables],
      ...sourceGuardFacts(source, handle.connector),
      // One row past the cap, so the connector can tell a full result from a truncated one.
      rowLimit: maxRows + 1,
      ...(defaultSchema === undefined ? {} : { defaultSchema }),
    };
  }
}

/** The SQL language: chain 2 writes and repairs SQL in the source's dialect; the steps above check it. */
export class SqlQueryLanguage extends SqlStatementRunner implements QueryLanguage<SqlStatement> {
  readonly subject = 'SQL';
  readonly #context: StageContext;
  readonly #task: WritingTask;

  constructor(target: StatementTarget, checks: SqlChecks, writing: { readonly context: StageContext; readonly task: WritingTask }) {
    super(target, checks);
    this.#context = writing.context;
    this.#task = writing.task;
  }

  write(failure: AttemptFailure | undefined): Promise<SqlStatement | UnusableReply> {
    const input = { ...this.#task, dialect: this.checks.dialect };
    return failure === undefined
      ? generateSql(this.#context, input)
      : repairSql(this.#context, { ...input, failure });
  }
}
