import type { LanguageModelMessage } from '../llm/language-model.js';
import { fitsTokenBudget } from '../llm/tokens/token-counter.js';
import { collectStream, streamCompletion } from '../llm/language-model-stream.js';
import type { QueryResult } from '../connectors/connector.js';
import { renderCsvLine } from '../rendering/csv-renderer.js';
import { cutCellForPrompt } from '../rendering/prompt-cell-cutter.js';
import type { StageContext } from './stage-context.js';

/** Token limits of the explanation stage. */
export interface ExplainBudget {
  /** A prompt above this many tokens is split into chunks (default 28k, as in the reference flow). */
  readonly tokenBudget: number;
  /** Tokens of result data per chunk (default 20k). */
  readonly chunkTokens: number;
}

function countMessages(context: StageContext, messages: LanguageModelMessage[]): number {
  return messages.reduce((total, message) => total + context.countTokens(message.content), 0);
}

/** Receives answer text as the model streams it. */
export type AnswerTokenListener = (text: string) => void;

/** Ends an answer that the model stopped at its output limit; no digits, so the grounding check is not misled. */
export const cutAnswerNote = '(This answer is incomplete: the model stopped at its output limit.)';

/** One explanation's model calls; remembers whether any reply was cut at the output limit. */
interface Explanation {
  /** Request context. */
  readonly context: StageContext;
  /** Whether a reply stopped at the output limit, so the answer must say it may be incomplete. */
  cut: boolean;
}

async function complete(explanation: Explanation, messages: LanguageModelMessage[], onToken?: AnswerTokenListener): Promise<string> {
  const { context } = explanation;
  const options = { messages, maxOutputTokens: context.maxOutputTokens, temperature: 0, signal: context.signal };
  // Streamed only when someone listens, so plain /query keeps its single non-streaming call.
  const { text, finishReason } =
    onToken === undefined
      ? await context.model.generate(options)
      : await collectStream(streamCompletion(context.model, options), { provider: context.model.provider, onText: onToken });
  if (finishReason === 'length') explanation.cut = true;
  return text.trim();
}

/** Splits data lines into chunks whose token count stays under `capacity`; an oversized single line is cut. */
function chunkLines(context: StageContext, lines: string[], capacity: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const original of lines) {
    let line = original;
    let tokens = context.countTokens(line) + 1;
    if (tokens > capacity) {
      line = line.slice(0, Math.max(1, Math.floor((line.length * capacity) / tokens) - 1)) + '…';
      tokens = context.countTokens(line) + 1;
    }
    if (used + tokens > capacity && current.length > 0) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(line);
    used += tokens;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function mergeAnswers(
  explanation: Explanation,
  budget: ExplainBudget,
  question: string,
  answers: string[],
  onToken?: AnswerTokenListener,
): Promise<string> {
  const { context } = explanation;
  const render = (group: string[]) =>
    context.prompts.render('merge-answers', {
      question,
      answers: group.map((answer, index) => `Partial answer ${index + 1}:\n${answer}`).join('\n\n'),
    });
  if (answers.length === 1) {
    onToken?.(answers[0] as string);
    return answers[0] as string;
  }
  const messages = render(answers);
  if (fitsTokenBudget(context.countTokens, messages.map((message) => message.content), budget.tokenBudget)) return complete(explanation, messages, onToken);
  // Too many partial answers for one prompt: merge them in halves, then merge the halves.
  const middle = Math.ceil(answers.length / 2);
  const merged = await Promise.all([
    mergeAnswers(explanation, budget, question, answers.slice(0, middle)),
    mergeAnswers(explanation, budget, question, answers.slice(middle)),
  ]);
  return mergeAnswers(explanation, budget, question, merged, onToken);
}

/**
 * Turns rows into an answer in words. A result whose prompt fits the budget is explained in one
 * call; a larger one is split into chunks under `chunkTokens`, answered per chunk and merged, so no
 * call ever exceeds the budget and no row is silently dropped. An answer any of whose calls stopped
 * at the output limit ends with `cutAnswerNote` (streamed too), rather than passing for complete.
 */
export async function explainResult(
  context: StageContext,
  budget: ExplainBudget,
  input: { question: string; sql: string; result: QueryResult },
  onToken?: AnswerTokenListener,
): Promise<string> {
  const explanation: Explanation = { context, cut: false };
  const answer = await explainWith(explanation, budget, input, onToken);
  if (!explanation.cut) return answer;
  const note = `\n\n${cutAnswerNote}`;
  onToken?.(note);
  return answer + note;
}

async function explainWith(
  explanation: Explanation,
  budget: ExplainBudget,
  input: { question: string; sql: string; result: QueryResult },
  onToken?: AnswerTokenListener,
): Promise<string> {
  const { context } = explanation;
  // Long values are cut before anything counts or sends them; the chunking below budgets the rest.
  const header = renderCsvLine(input.result.columns.map((column) => cutCellForPrompt(column.name)));
  const lines = input.result.rows.map((row) => renderCsvLine(row.map(cutCellForPrompt)));
  const rowNote = input.result.truncated
    ? `the first ${lines.length} rows; the full result has more`
    : `${lines.length} row${lines.length === 1 ? '' : 's'}`;
  const whole = context.prompts.render('explain-result', {
    question: input.question,
    sql: input.sql,
    row_note: rowNote,
    result: [header, ...lines].join('\n'),
  });
  // Most results are far under the budget; the byte bound proves that without encoding the prompt.
  if (fitsTokenBudget(context.countTokens, whole.map((message) => message.content), budget.tokenBudget)) return complete(explanation, whole, onToken);

  const overhead = countMessages(
    context,
    context.prompts.render('explain-chunk', { question: input.question, sql: input.sql, chunk_number: '000', chunk_count: '000', result: header }),
  );
  const capacity = Math.max(1, Math.min(budget.chunkTokens, budget.tokenBudget - overhead));
  const chunks = chunkLines(context, lines, capacity);
  const partials: string[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const messages = context.prompts.render('explain-chunk', {
      question: input.question,
      sql: input.sql,
      chunk_number: String(index + 1),
      chunk_count: String(chunks.length),
      result: [header, ...chunk].join('\n'),
    });
    partials.push(await complete(explanation, messages));
  }
  return mergeAnswers(explanation, budget, input.question, partials, onToken);
}
