import fs from 'node:fs/promises';
import path from 'node:path';
import type { QuestionOutcome } from './eval-runner.js';
import type { SkippedQuestion } from './eval-types.js';
import { officialRuleFor } from './official-scoring-rule.js';

/** Accuracy of a group of questions. */
export interface AccuracyGroup {
  /** Questions run. */
  readonly questions: number;
  /** Questions answered with the gold rows by the strict rule. */
  readonly correct: number;
  /** correct / questions, 0 when none ran. */
  readonly accuracy: number;
  /** Questions answered with the gold rows by the benchmark authors' rule. */
  readonly correctOfficial: number;
  /** correctOfficial / questions, 0 when none ran. */
  readonly accuracyOfficial: number;
}

/** The summary printed as the last line and stored in the JSON report. */
export interface EvalSummary {
  /** Suite name. */
  readonly suite: string;
  /** LLM provider and model, or `oracle`. */
  readonly model: string;
  /** Name of the benchmark authors' rule behind `correctOfficial` (official-scoring-rule.ts). */
  readonly officialRule: string;
  /** Questions run. */
  readonly questions: number;
  /** Questions the pipeline answered with rows (HTTP 200). */
  readonly answered: number;
  /** Execution accuracy by the strict rule, in percent (one decimal). */
  readonly ex: number;
  /** Execution accuracy by the benchmark authors' rule, in percent (one decimal). */
  readonly exOfficial: number;
  /** Accuracy over every question run. */
  readonly overall: AccuracyGroup;
  /** Accuracy per difficulty label. */
  readonly byDifficulty: Record<string, AccuracyGroup>;
  /** Questions skipped (absent databases, no gold SQL). */
  readonly skipped: number;
  /** Mean LLM calls per question. */
  readonly llmCallsPerQuestion: number;
  /** Mean prompt plus completion tokens per question. */
  readonly tokensPerQuestion: number;
  /** Median request latency in milliseconds. */
  readonly p50LatencyMs: number;
  /** 95th percentile request latency in milliseconds. */
  readonly p95LatencyMs: number;
  /** Questions whose rows hit the row cap on either side. */
  readonly capped: number;
  /** Where the JSON report was written. */
  readonly reportFile?: string;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Number((part / whole).toFixed(4));
}

function group(outcomes: QuestionOutcome[]): AccuracyGroup {
  const correct = outcomes.filter((outcome) => outcome.correct).length;
  const correctOfficial = outcomes.filter((outcome) => outcome.correctOfficial).length;
  return { questions: outcomes.length, correct, accuracy: ratio(correct, outcomes.length), correctOfficial, accuracyOfficial: ratio(correctOfficial, outcomes.length) };
}

function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : Number((values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(2));
}

/** Aggregates outcomes into the summary. */
export function summarize(suite: string, model: string, outcomes: QuestionOutcome[], skipped: SkippedQuestion[]): EvalSummary {
  const labels = [...new Set(outcomes.map((outcome) => outcome.difficulty))].sort();
  const overall = group(outcomes);
  const percent = (share: number) => Math.round(share * 1000) / 10;
  return {
    suite,
    model,
    officialRule: officialRuleFor(suite).name,
    questions: overall.questions,
    answered: outcomes.filter((outcome) => outcome.sql !== undefined).length,
    ex: percent(overall.accuracy),
    exOfficial: percent(overall.accuracyOfficial),
    overall,
    byDifficulty: Object.fromEntries(labels.map((label) => [label, group(outcomes.filter((outcome) => outcome.difficulty === label))])),
    skipped: skipped.length,
    llmCallsPerQuestion: mean(outcomes.map((outcome) => outcome.llmCalls)),
    tokensPerQuestion: mean(outcomes.map((outcome) => outcome.tokens)),
    p50LatencyMs: percentile(outcomes.map((outcome) => outcome.latencyMs), 0.5),
    p95LatencyMs: percentile(outcomes.map((outcome) => outcome.latencyMs), 0.95),
    capped: outcomes.filter((outcome) => outcome.capped).length,
  };
}

/** Human-readable lines for the terminal. */
export function formatSummary(summary: EvalSummary, skipped: SkippedQuestion[]): string[] {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  const both = (value: AccuracyGroup) =>
    `strict ${percent(value.accuracy)} (${value.correct}/${value.questions}) · official ${percent(value.accuracyOfficial)} (${value.correctOfficial}/${value.questions})`;
  const lines = [
    `suite ${summary.suite} · model ${summary.model}`,
    `execution accuracy ${both(summary.overall)}`,
    ...Object.entries(summary.byDifficulty).map(([label, value]) => `  ${label.padEnd(16)} ${both(value)}`),
    ...scoringRuleLines(summary.suite),
    `LLM calls/question ${summary.llmCallsPerQuestion} · tokens/question ${summary.tokensPerQuestion} · latency p50 ${summary.p50LatencyMs} ms, p95 ${summary.p95LatencyMs} ms`,
  ];
  if (summary.capped > 0) lines.push(`${summary.capped} question(s) hit the row cap; compared on the capped rows`);
  if (skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const item of skipped) reasons.set(item.reason.replace(/ \(.*\)$/, ''), (reasons.get(item.reason.replace(/ \(.*\)$/, '')) ?? 0) + 1);
    lines.push(`skipped ${skipped.length}: ${[...reasons].map(([reason, count]) => `${count} × ${reason}`).join('; ')}`);
  }
  return lines;
}

/** The two rules, labelled, as printed under every accuracy figure. */
export function scoringRuleLines(suite: string): string[] {
  const rule = officialRuleFor(suite);
  return [
    `  strict rule: rows as selected, a bag (a sequence under a top-level ORDER BY), numbers within 1e-6`,
    `  official rule (${rule.name}): ${rule.label}`,
  ];
}

/** Writes the full report (summary, every outcome, every skipped question) under `directory`. */
export async function writeReport(
  directory: string,
  summary: { readonly suite: string },
  outcomes: readonly object[],
  skipped: SkippedQuestion[],
  kind = 'model',
): Promise<string> {
  await fs.mkdir(directory, { recursive: true });
  const file = path.join(directory, `${summary.suite}-${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await fs.writeFile(file, `${JSON.stringify({ summary, outcomes, skipped }, null, 2)}\n`, 'utf8');
  return file;
}
