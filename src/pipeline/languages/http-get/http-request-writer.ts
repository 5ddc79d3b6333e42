import type { CatalogTable } from '../../../catalog/catalog-types.js';
import type { HttpRequestPlan, HttpRequestPlanner } from '../../../connectors/connector.js';
import { renderCsv } from '../../../rendering/csv-renderer.js';
import { cutCellForPrompt } from '../../../rendering/prompt-cell-cutter.js';
import { readJsonObject, withoutThinking } from '../../model-reply-text.js';
import type { StageContext } from '../../stage-context.js';
import { askForUncutReply, cutReplyProblem } from '../../uncut-reply-request.js';
import type { AttemptFailure, WritingTask } from '../query-language.js';

const none = '(none)';

/** A plan read from a reply, or why none could be read. */
export type ParsedPlan = { plan: HttpRequestPlan } | { problem: string };

/** Reads `{"operation": …, "parameters": {…}}` from `<request>` tags or the reply's outermost braces. */
export function parseRequestPlan(reply: string): ParsedPlan {
  const answer = withoutThinking(reply);
  const tagged = /<request>([\s\S]*?)(?:<\/request>|$)/i.exec(answer)?.[1] ?? answer;
  const reading = readJsonObject(tagged);
  if (reading.kind === 'missing') return { problem: 'The reply contained no JSON request inside <request></request> tags.' };
  if (reading.kind === 'unparsable') return { problem: `The request JSON does not parse: ${reading.message}` };
  const candidate = reading.value as { operation?: unknown; parameters?: unknown };
  if (typeof candidate.operation !== 'string' || candidate.operation === '') return { problem: '"operation" must be the name of one operation.' };
  const parameters = candidate.parameters ?? {};
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) return { problem: '"parameters" must be a JSON object.' };
  return { plan: { operation: candidate.operation, parameters: parameters as Record<string, unknown> } };
}

/** The routed operations with their parameters (from the document) and response columns and examples (from the catalog). */
export async function renderOperations(planner: HttpRequestPlanner, tables: readonly CatalogTable[]): Promise<string> {
  const sections: string[] = [];
  for (const table of tables) {
    const shown = table.columns.filter((column) => column.pii !== true);
    const columns = shown.map((column) => `${column.name} ${column.type}${column.description ? ` (${column.description})` : ''}`).join(', ');
    const indexes = shown.map((column) => table.columns.indexOf(column));
    const examples = table.sampleRows.length === 0 ? '' : `\n  example rows:\n${renderCsv(shown.map((column) => column.name), table.sampleRows.map((row) => indexes.map((index) => cutCellForPrompt(row[index]))))}`;
    sections.push(`${await planner.describeOperations([table.name])}\n  response columns: ${columns || 'unknown'}${examples}`);
  }
  return sections.join('\n\n');
}

/**
 * Asks the model to pick one GET operation of `operations` and fill its parameters as JSON, feeding
 * back the previous plan or request and its error after a failure.
 */
export async function askForPlan(context: StageContext, task: WritingTask, operations: string, failure: AttemptFailure | undefined): Promise<{ parsed: ParsedPlan; reply: string }> {
  const examples = task.source.examples.map((example) => `Question: ${example.question}\nRequest: ${example.sql}`).join('\n\n');
  const messages = context.prompts.render('generate-http-request', {
    api: task.source.description,
    operations,
    examples: [examples, task.conversationContext ?? ''].filter((text) => text.trim() !== '').join('\n\n') || none,
    failed_request: failure?.text || none,
    error: failure?.error ?? none,
    question: task.question,
  });
  const { text, cutAtOutputTokens } = await askForUncutReply(context, { messages, temperature: 0, stopSequences: ['</request>'] });
  return { parsed: cutAtOutputTokens === undefined ? parseRequestPlan(text) : { problem: cutReplyProblem(cutAtOutputTokens) }, reply: text };
}
