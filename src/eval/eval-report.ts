import fs from 'node:fs/promises';
import path from 'node:path';
import type { QuestionOutcome } from './eval-runner.js';
import type { SkippedQuestion } from './eval-types.js';

/** Accuracy of a group of questions. */
export interface AccuracyGroup {
  /** Questions run. */
  readonly questions: number;
  /** Questions answered with the gold rows. */
  readonly correct: number;
  /** correct / questions, 0 when none ran. */
  readonly accuracy: number;
}

/** The summary printed as the last line and stored in the JSON report. */
export interface EvalSummary {
  /** Suite name. */
  readonly suite: string;
  /** LLM provider and model, or `oracle`. */
  readonly model: string;
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

function group(outcomes: QuestionOutcome[]): AccuracyGroup {
  const correct = outcomes.filter((outcome) => outcome.correct).length;
  return { questions: outcomes.length, correct, accuracy: outcomes.length === 0 ? 0 : Number((correct / outcomes.length).toFixed(4)) };
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
  return {
    suite,
    model,
    overall: group(outcomes),
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
  const lines = [
    `suite ${summary.suite} · model ${summary.model}`,
    `execution accuracy ${percent(summary.overall.accuracy)} (${summary.overall.correct}/${summary.overall.questions})`,
    ...Object.entries(summary.byDifficulty).map(([label, value]) => `  ${label.padEnd(16)} ${percent(value.accuracy)} (${value.correct}/${value.questions})`),
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

/** Writes the full report (summary, every outcome, every skipped question) under `directory`. */
export async function writeReport(
  directory: string,
  summary: EvalSummary,
  outcomes: QuestionOutcome[],
  skipped: SkippedQuestion[],
): Promise<string> {
  await fs.mkdir(directory, { recursive: true });
  const file = path.join(directory, `${summary.suite}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await fs.writeFile(file, `${JSON.stringify({ summary, outcomes, skipped }, null, 2)}\n`, 'utf8');
  return file;
}
