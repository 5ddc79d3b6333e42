/**
 * Times one federated question for `npm run bench:federation`: the query planned and run with and
 * without pushdown over real sources, against the same query in one engine that holds every table.
 */
import type { FederatedRun } from '../src/federation/federated-plan.js';
import type { FederatedSource } from '../src/federation/federated-plan-request.js';
import { runFederatedPlan, type FederatedPartExecutor } from '../src/federation/federated-plan-runner.js';
import { planFederatedQuery } from '../src/federation/federated-query-planner.js';
import type { ServiceConfig } from '../src/config/service-config.js';
import type { FederationLimits } from '../src/federation/federation-limits.js';
import type { SqlGuard } from '../src/guard/sql-guard.js';
import { resultSetsMatch, hasTopLevelOrderBy } from '../src/eval/result-set-comparison.js';

/** Timed runs per question, after one warm-up run each way. */
const runs = 5;

/** The limits a suite's app runs with, raised by the benchmark where whole-table extraction needs it. */
export type BenchLimits = (config: ServiceConfig) => FederationLimits;

/** What the timer needs to run questions of one suite. */
export interface QuestionTimerContext {
  /** The read-only guard the planner and the key filters use. */
  readonly guard: SqlGuard;
  /** Part caps and combine limits. */
  readonly limits: FederationLimits;
  /** Runs a part's statement on its source. */
  readonly runPart: FederatedPartExecutor;
  /** Rows the answer returns at most. */
  readonly maxRows: number;
}

/** One question: the SQL over source-qualified names, its sources, and the same SQL in the single engine. */
export interface TimedQuestion {
  /** Id or text, for the printout. */
  readonly label: string;
  /** DuckDB SQL over `<source>.<table>`. */
  readonly sql: string;
  /** The sources it reads. */
  readonly sources: readonly FederatedSource[];
  /** Runs the SQL in the engine holding every table; resolves to its rows. */
  readonly runSingle: () => Promise<unknown[][]>;
}

/** What was measured for one question. */
export interface QuestionFigures {
  /** Id or text. */
  readonly label: string;
  /** Whether the pushdown plan pushed at least one filter or key filter into a part. */
  readonly filtered: boolean;
  /** Rows moved from the sources with pushdown. */
  readonly rowsMovedPushdown: number;
  /** Rows moved extracting whole (projected) tables. */
  readonly rowsMovedWhole: number;
  /** Median wall time of the federated path (plan and run). */
  readonly federatedMs: number;
  /** Median wall time of the single engine. */
  readonly singleEngineMs: number;
  /** Median time of planning (parsing, guarding every part). */
  readonly planMs: number;
  /** Median time from the plan to the combine step (the parts, in parallel and in key order). */
  readonly extractMs: number;
  /** Median time of the combine step (loading the parts, running the query). */
  readonly combineMs: number;
  /** Whether the federated rows equal the single engine's (timestamps compared as instants). */
  readonly answersMatch: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const round = (value: number) => Math.round(value * 100) / 100;

const timestampText = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?Z?$/;

/**
 * Rows with timestamps written one way: a SQLite column declared `datetime` holds text, which the
 * combine step types as a timestamp (written in ISO-8601) and the reference engine keeps as text.
 */
function comparable(rows: readonly unknown[][]): unknown[][] {
  return rows.map((row) =>
    row.map((cell) => {
      if (typeof cell !== 'string' || !timestampText.test(cell)) return cell;
      const instant = Date.parse(`${cell.replace(' ', 'T').replace(/Z$/, '')}Z`);
      return Number.isNaN(instant) ? cell : new Date(instant).toISOString();
    }),
  );
}

const rowsMoved = (run: FederatedRun) => run.parts.reduce((total, part) => total + part.rows, 0);

/** Plans and runs the question once; times planning and the run apart. */
async function federated(context: QuestionTimerContext, question: TimedQuestion, pushdown: boolean) {
  const started = performance.now();
  const verdict = planFederatedQuery({ sql: question.sql, sources: question.sources, guard: context.guard, rowLimit: context.maxRows + 1, partRowCap: context.limits.partMaxRows, pushdown });
  if (!verdict.allowed) throw new Error(`refused (${verdict.rule}): ${verdict.reason}`);
  const planned = performance.now();
  const run = await runFederatedPlan(verdict.plan, { maxRows: context.maxRows, limits: context.limits, guard: context.guard, runPart: context.runPart });
  const finished = performance.now();
  const filtered = verdict.plan.parts.some((part) => part.pushedFilters.length > 0 || part.keyFilters.length > 0);
  return { run, filtered, milliseconds: finished - started, planMs: planned - started, combineMs: run.combineMilliseconds, extractMs: finished - planned - run.combineMilliseconds };
}

async function timed<Result>(work: () => Promise<Result>): Promise<{ result: Result; milliseconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, milliseconds: performance.now() - started };
}

/** Measures one question: one whole-table run, a warm-up each way, then `runs` alternating timed runs. */
export async function timeQuestion(context: QuestionTimerContext, question: TimedQuestion): Promise<QuestionFigures> {
  const whole = await federated(context, question, false);
  let pushed = await federated(context, question, true);
  let single = await timed(question.runSingle);
  const samples: { federated: number; single: number; plan: number; extract: number; combine: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    pushed = await federated(context, question, true);
    single = await timed(question.runSingle);
    samples.push({ federated: pushed.milliseconds, single: single.milliseconds, plan: pushed.planMs, extract: pushed.extractMs, combine: pushed.combineMs });
  }
  const of = (key: keyof (typeof samples)[number]) => round(median(samples.map((sample) => sample[key])));
  return {
    label: question.label,
    filtered: pushed.filtered,
    rowsMovedPushdown: rowsMoved(pushed.run),
    rowsMovedWhole: rowsMoved(whole.run),
    federatedMs: of('federated'),
    singleEngineMs: of('single'),
    planMs: of('plan'),
    extractMs: of('extract'),
    combineMs: of('combine'),
    answersMatch: resultSetsMatch(comparable(pushed.run.result.rows), comparable(single.result), hasTopLevelOrderBy(question.sql)),
  };
}
