import type { FastifyInstance } from 'fastify';
import type { Connector } from '../connectors/connector.js';
import { requireSqlDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GuardRequest, SqlGuard } from '../guard/sql-guard.js';
import { sourceGuardFacts } from '../pipeline/languages/sql/source-guard-facts.js';
import { createConnector } from '../connectors/connector-factory.js';
import type { EvalQuestion, ExtraScoringSource } from './eval-types.js';
import type { OfficialScoringRule } from './official-scoring-rule.js';
import { hasTopLevelOrderBy, resultSetsMatch } from './result-set-comparison.js';

/** Rows requested per question and read from the gold SQL: the app's maxRowsLimit is raised to match. */
export const evalMaxRows = 10_000;
/** Statement timeout of a scoring source opened outside the app, unless its configuration sets one. */
const defaultScoringTimeoutMs = 30_000;

/** One benchmark database as the scorer reaches it: its connector and what the guard needs to know. */
export interface ScoringSource {
  /** The source's connector. */
  readonly connector: Connector;
  /** Statement timeout of the source. */
  readonly timeoutMs: number;
  /** The guard request without the SQL and row limit: dialect, tables, schema, functions, PII columns. */
  readonly guardContext: Omit<GuardRequest, 'sql' | 'rowLimit'>;
}

/** Rows a statement returned. */
export interface ExecutedRows {
  /** Result rows. */
  readonly rows: unknown[][];
  /** True when the rows hit the cap. */
  readonly truncated: boolean;
}

/** What became of a predicted statement: rows, a guard refusal, or an engine error. */
export type PredictedRun =
  | (ExecutedRows & {
      /** The statement that ran (the guard may have added a LIMIT). */
      readonly sql: string;
    })
  | {
      /** The stage that stopped the statement. */
      readonly stage: 'guard' | 'execute';
      /** Guard rule or error code. */
      readonly code: string;
      /** Why. */
      readonly reason: string;
    };

/** Both verdicts on one answered question. */
export interface ExecutionVerdict {
  /** The project's strict rule: rows equal as selected, numbers within 1e-6. */
  readonly strict: boolean;
  /** The benchmark authors' rule. */
  readonly official: boolean;
  /** True when either side hit the row cap (compared on the capped rows). */
  readonly capped: boolean;
  /** Why the strict rule failed, or why the gold SQL could not run. */
  readonly problem?: string;
  /** True when the gold SQL itself failed, so the question says nothing about the prediction. */
  readonly goldFailed?: boolean;
}

function problemOf(error: unknown): { code: string; reason: string } {
  const code = SwitchyardError.isInstance(error) ? error.code : 'error';
  return { code, reason: error instanceof Error ? error.message : String(error) };
}

/** The scoring view of a catalog source of a running app. */
export function scoringSourceOf(app: FastifyInstance, name: string): ScoringSource {
  const source = app.catalog.snapshot.sources.find((candidate) => candidate.name === name);
  const { connector, defaultSchema, timeoutMs } = app.sources.handle(name);
  return {
    connector,
    timeoutMs,
    guardContext: {
      dialect: requireSqlDialect(connector.dialect),
      allowedTables: (source?.tables ?? []).map((table) => table.name),
      ...sourceGuardFacts(source ?? { tables: [] }, connector),
      ...(defaultSchema === undefined ? {} : { defaultSchema }),
    },
  };
}

/**
 * A scoring source the app does not serve (an engine holding every table of a split database, in a
 * schema per source), opened on its own: the answer's SQL may read every listed table.
 */
export function openScoringSource(source: ExtraScoringSource): ScoringSource {
  const connector = createConnector(source.config);
  return {
    connector,
    timeoutMs: source.config.timeoutMs ?? defaultScoringTimeoutMs,
    guardContext: { dialect: requireSqlDialect(connector.dialect), allowedTables: [...source.tables] },
  };
}

/**
 * Scores predicted SQL against gold SQL on one source by the strict rule and by the benchmark's
 * official rule. Predicted SQL always passes the real guard before it runs, the variant the official
 * rule runs included; gold SQL runs as the benchmark wrote it.
 */
export class ExecutionScorer {
  constructor(
    private readonly guard: SqlGuard,
    readonly rule: OfficialScoringRule,
  ) {}

  /** Runs trusted gold SQL; throws the connector's error. */
  async runGold(source: ScoringSource, sql: string): Promise<ExecutedRows> {
    const result = await source.connector.execute(sql, { maxRows: evalMaxRows, timeoutMs: source.timeoutMs });
    return { rows: result.rows, truncated: result.truncated };
  }

  /** Guards and runs predicted SQL, as the pipeline does (a LIMIT one past the cap reveals truncation). */
  async runPredicted(source: ScoringSource, sql: string): Promise<PredictedRun> {
    const verdict = this.guard.check({ ...source.guardContext, sql, rowLimit: evalMaxRows + 1 });
    if (!verdict.allowed) return { stage: 'guard', code: verdict.rule, reason: verdict.reason };
    try {
      const result = await source.connector.execute(verdict.sql, { maxRows: evalMaxRows, timeoutMs: source.timeoutMs });
      return { sql: verdict.sql, rows: result.rows, truncated: result.truncated };
    } catch (error) {
      return { stage: 'execute', ...problemOf(error) };
    }
  }

  /**
   * Both verdicts for predicted rows already obtained from `predictedSql`. Where the official rule runs
   * a different text (test-suite drops DISTINCT), that text is guarded and run on each side. Rows that
   * reached the caller another way than the connector (the HTTP reply) are re-read through it for the
   * official rule, whose exact comparison must see both sides in the connector's own types.
   */
  async score(
    source: ScoringSource,
    question: EvalQuestion,
    predictedSql: string,
    predicted: ExecutedRows,
    rereadForOfficial = false,
  ): Promise<ExecutionVerdict> {
    const { goldSql } = question;
    let gold: ExecutedRows;
    try {
      gold = await this.runGold(source, goldSql);
    } catch (error) {
      const { code, reason } = problemOf(error);
      return { strict: false, official: false, capped: false, goldFailed: true, problem: `gold SQL failed: ${code}: ${reason}` };
    }
    const strict = resultSetsMatch(predicted.rows, gold.rows, hasTopLevelOrderBy(goldSql));
    const goldText = this.rule.goldText(goldSql);
    const predictedText = this.rule.predictedText(predictedSql);
    let officialGold = gold;
    if (goldText !== goldSql) {
      try {
        officialGold = await this.runGold(source, goldText);
      } catch (error) {
        const { code, reason } = problemOf(error);
        return { strict, official: false, capped: false, goldFailed: true, problem: `gold SQL as ${this.rule.name} runs it failed: ${code}: ${reason}` };
      }
    }
    const officialPredicted = predictedText === predictedSql && !rereadForOfficial ? predicted : await this.runPredicted(source, predictedText);
    const official =
      'rows' in officialPredicted &&
      this.rule.matches(officialGold.rows, officialPredicted.rows, { goldText, question: question.question, category: question.difficulty });
    const capped = gold.truncated || predicted.truncated || officialGold.truncated;
    return {
      strict,
      official,
      capped,
      ...(strict ? {} : { problem: `rows differ (${predicted.rows.length} predicted, ${gold.rows.length} gold)` }),
    };
  }
}
