import type { HttpRequestPlan, HttpRequestPlanner } from '../../../connectors/connector.js';
import { SwitchyardError } from '../../../errors/switchyard-error.js';
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
import { askForPlan, parseRequestPlan, renderOperations } from './http-request-writer.js';

/** One planned GET request: the plan as JSON text, and the plan. */
export interface HttpRequestStatement extends WrittenStatement {
  /** The operation and its parameter values. */
  readonly plan: HttpRequestPlan;
}

function refused(reason: string): RefusedStatement {
  return { allowed: false, reason, error: reason };
}

/**
 * Planned GET requests on one REST source. The check validates a plan against its operation's
 * parameter schema (an operation the catalog does not list is refused like an unknown one) and
 * renders the request text the connector sends; the response's `sql` is that text.
 */
export class HttpGetStatementRunner implements StatementRunner<HttpRequestStatement> {
  readonly requestLanguage = 'http-get';
  readonly offersDownload = false;
  protected readonly target: StatementTarget;
  protected readonly planner: HttpRequestPlanner;

  constructor(target: StatementTarget) {
    const planner = target.handle.connector.httpRequests;
    if (planner === undefined) {
      throw new SwitchyardError('SWY_ERR_INTERNAL', `Source "${target.source.name}" declares http-get requests but offers no request planner`);
    }
    this.target = target;
    this.planner = planner;
  }

  reread(text: string): HttpRequestStatement | UnusableReply {
    const parsed = parseRequestPlan(text);
    return 'problem' in parsed ? { kind: 'unusable', error: parsed.problem, reply: text } : { kind: 'statement', text, plan: parsed.plan };
  }

  async check(statement: HttpRequestStatement): Promise<CheckedStatement | RefusedStatement> {
    const { operation } = statement.plan;
    const allowed = this.target.allowedTables;
    // Operations hidden by the overlay are not in the catalog and are refused like unknown ones.
    if (!allowed.includes(operation)) return refused(`"${operation}" is not an operation of this source; choose one of: ${allowed.join(', ')}`);
    try {
      const runnable = await this.planner.renderRequest(statement.plan);
      return { allowed: true, runnable, verdict: { verdict: 'allowed', limitApplied: false, functions: [] } };
    } catch (error) {
      if (!SwitchyardError.isInstance(error) || error.code !== 'SWY_ERR_QUERY_FAILED') throw error;
      return refused(error.message);
    }
  }

  async run(checked: CheckedStatement): Promise<RunOutcome> {
    const { handle, maxRows, signal } = this.target;
    const result = await handle.connector.execute(checked.runnable, { maxRows, timeoutMs: handle.timeoutMs, ...(signal ? { signal } : {}) });
    // The API's own page size decides how many rows come back; the cap applied is the one the rows hit.
    return { result, verdict: { ...checked.verdict, limitApplied: result.truncated } };
  }
}

/**
 * The language of REST sources: the model picks one GET operation and fills its parameters as JSON.
 * A validation error or an HTTP 4xx goes back to the model, as a database error does for SQL.
 */
export class HttpGetQueryLanguage extends HttpGetStatementRunner implements QueryLanguage<HttpRequestStatement> {
  readonly subject = 'request';
  readonly #context: StageContext;
  readonly #task: WritingTask;
  #operations: Promise<string> | undefined;

  constructor(target: StatementTarget, writing: { readonly context: StageContext; readonly task: WritingTask }) {
    super(target);
    this.#context = writing.context;
    this.#task = writing.task;
  }

  async write(failure: AttemptFailure | undefined): Promise<HttpRequestStatement | UnusableReply> {
    // The routed operations' descriptions are read once per question, not once per attempt.
    this.#operations ??= renderOperations(this.planner, this.#task.tables);
    const { parsed, reply } = await askForPlan(this.#context, this.#task, await this.#operations, failure);
    return 'problem' in parsed ? { kind: 'unusable', error: parsed.problem, reply } : { kind: 'statement', text: JSON.stringify(parsed.plan), plan: parsed.plan };
  }
}
