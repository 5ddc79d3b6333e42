import type { CatalogSource, CatalogTable } from '../../catalog/catalog-types.js';
import type { QueryResult, RequestLanguage } from '../../connectors/connector.js';
import type { SwitchyardError } from '../../errors/switchyard-error.js';
import type { PipelineSourceHandle } from '../pipeline-catalog.js';
import type { GuardRule } from '../../guard/guard-rejection.js';
import type { QueryResponse } from '../../schemas/query-schema.js';
import type { FederatedPlan, FederatedRun } from '../../federation/federated-plan.js';

/** A statement the model wrote, or one stored earlier and read back, ready for the language's check. */
export interface WrittenStatement {
  /** Discriminates it from an unusable reply. */
  readonly kind: 'statement';
  /** The statement as written: what the attempt trace shows and a repair quotes. */
  readonly text: string;
}

/** A reply holding nothing the language can check: no statement, or one the output limit cut off. */
export interface UnusableReply {
  /** Discriminates it from a written statement. */
  readonly kind: 'unusable';
  /** Why, worded for the attempt trace and the repair prompt. */
  readonly error: string;
  /** The raw reply; its start is quoted to the repair prompt. */
  readonly reply: string;
}

/** A refusal by a rule a rewrite can satisfy: the repair prompt quotes the rule, the reason and what to change. */
export interface RepairableRefusal {
  /** The rule the statement broke. */
  readonly rule: GuardRule;
  /** The check's reason. */
  readonly reason: string;
  /** What a rewrite must change. */
  readonly advice: string;
}

/** What the previous attempt ended in, for the model to repair. */
export interface AttemptFailure {
  /** What failed: the start of an unusable reply, the refused statement, or the statement the source refused. */
  readonly text: string;
  /** The error as the reply reading, the check or the source reported it. */
  readonly error: string;
  /** Set when a rule refused the statement: the repair prompt then quotes it. */
  readonly refusal?: RepairableRefusal | undefined;
}

/** The check's verdict on the response. */
export type CheckVerdict = QueryResponse['guard'];

/** A statement the check let through, with exactly what runs. */
export interface CheckedStatement {
  /** Discriminates it from a refusal. */
  readonly allowed: true;
  /** What runs: the statement as the check rewrote it (SQL with its row cap) or rendered it (HTTP request text). */
  readonly runnable: string;
  /** The verdict for the response. */
  readonly verdict: CheckVerdict;
  /** A federated query's plan: its parts and the combine query. */
  readonly federatedPlan?: FederatedPlan;
}

/** A statement the check refused. */
export interface RefusedStatement {
  /** Discriminates it from a checked statement. */
  readonly allowed: false;
  /** The rule broken, when a rule of the SQL guard refused it. */
  readonly rule?: GuardRule;
  /** The reason, one sentence. */
  readonly reason: string;
  /** How the attempt trace and the repair prompt word the refusal. */
  readonly error: string;
  /** Rule, reason and advice for the repair prompt, when a rewrite can lift the refusal. */
  readonly refusal?: RepairableRefusal;
  /** The error the request ends with when no attempt is left; absent, it ends as "no working statement". */
  readonly failure?: SwitchyardError;
  /** No rewrite can lift it: the request ends with `failure` at once. */
  readonly final?: boolean;
}

/** A checked statement's rows and the verdict as the run settled it. */
export interface RunOutcome {
  /** The rows. */
  readonly result: QueryResult;
  /** The verdict for the response (an HTTP request reports the row cap once its response is read). */
  readonly verdict: CheckVerdict;
  /** How a federated query's parts and combine step ran. */
  readonly federatedRun?: FederatedRun;
}

/** The source a request's statements run on, and the limits they run within. */
export interface StatementTarget {
  /** The source as the current catalog holds it: its tables, PII marks and allowed functions. */
  readonly source: CatalogSource;
  /** Its handle: the connector, its request language, statement timeout and default schema. */
  readonly handle: PipelineSourceHandle;
  /** Tables (SQL) or operations (REST) a statement may read. */
  readonly allowedTables: readonly string[];
  /** Rows to return at most: the request's, lowered to the source's own cap. */
  readonly maxRows: number;
  /** Aborted when the client goes away or shutdown's grace period ends. */
  readonly signal?: AbortSignal | undefined;
}

/** What the model is asked to write a statement for. */
export interface WritingTask {
  /** The standalone question. */
  readonly question: string;
  /** The routed source, as the prompt may see it (its curated examples). */
  readonly source: CatalogSource;
  /** The routed tables (SQL) or operations (REST). */
  readonly tables: CatalogTable[];
  /** The previous turn of a conversation, rendered for the prompt; empty or absent for a first question. */
  readonly conversationContext?: string;
}

/**
 * How statements of one language are read back, checked and run on one source: all a statement
 * stored earlier (a recorded query, a cached plan) needs, without the model. An instance serves one
 * request: it holds the source, its connector and the request's limits.
 */
export interface StatementRunner<Statement extends WrittenStatement = WrittenStatement> {
  /** What the statements are written in, as the response reports it. */
  readonly requestLanguage: RequestLanguage;
  /**
   * Whether a full download (rows.csv) may re-run this language's statements with a larger row cap.
   * A REST request returns what its parameters ask for, so re-running it would give no more rows.
   */
  readonly offersDownload: boolean;
  /** Reads back a statement stored earlier (its written text) to check and run it. */
  reread(text: string): Statement | UnusableReply;
  /** Decides whether a statement may run, and what exactly runs. */
  check(statement: Statement): Promise<CheckedStatement | RefusedStatement>;
  /** Runs a checked statement on the source. */
  run(checked: CheckedStatement): Promise<RunOutcome>;
}

/**
 * How one source is asked: how the model's reply is read into a statement, how a statement is checked
 * before it may run (SQL: the read-only guard's steps; REST: the operation's parameter schema), and how
 * it runs. One attempt loop drives every language.
 */
export interface QueryLanguage<Statement extends WrittenStatement = WrittenStatement> extends StatementRunner<Statement> {
  /** What a loop that never got a statement to work says it lacked: "SQL", "request". */
  readonly subject: string;
  /** Asks the model for a statement, or, after `failure`, for a repaired one, and reads its reply. */
  write(failure: AttemptFailure | undefined): Promise<Statement | UnusableReply>;
}
