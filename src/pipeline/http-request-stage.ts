import type { CatalogTable } from '../catalog/catalog-types.js';
import type { HttpRequestPlan, HttpRequestPlanner } from '../connectors/connector.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlAttemptInput, SqlAttemptOutcome } from './attempt-loop-types.js';
import { AttemptRecorder } from './attempt-recorder.js';
import { renderCsv } from '../rendering/csv-renderer.js';
import { cutCellForPrompt } from '../rendering/prompt-cell-cutter.js';
import type { GenerationInput } from './generate-stage.js';
import { readJsonObject, withoutThinking } from './model-reply-text.js';
import type { StageContext } from './stage-context.js';
import { askForUncutReply, cutReplyProblem } from './uncut-reply-request.js';

const none = '(none)';

type ParsedPlan = { plan: HttpRequestPlan } | { problem: string };

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
async function renderOperations(planner: HttpRequestPlanner, tables: CatalogTable[]): Promise<string> {
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

async function askForPlan(context: StageContext, generation: GenerationInput, operations: string, previous: { request: string; error: string } | undefined): Promise<{ parsed: ParsedPlan; reply: string }> {
  const examples = generation.source.examples.map((example) => `Question: ${example.question}\nRequest: ${example.sql}`).join('\n\n');
  const messages = context.prompts.render('generate-http-request', {
    api: generation.source.description,
    operations,
    examples: [examples, generation.conversationContext ?? ''].filter((text) => text.trim() !== '').join('\n\n') || none,
    failed_request: previous?.request || none,
    error: previous?.error ?? none,
    question: generation.question,
  });
  const { text, cutAtOutputTokens } = await askForUncutReply(context, { messages, temperature: 0, stopSequences: ['</request>'] });
  return { parsed: cutAtOutputTokens === undefined ? parseRequestPlan(text) : { problem: cutReplyProblem(cutAtOutputTokens) }, reply: text };
}

/**
 * The attempt loop of a source whose request language is `http-get`: the model picks one GET
 * operation and fills its parameters as JSON; the plan is validated against the operation's
 * parameter schema (this replaces the SQL guard) and sent; a validation error or an HTTP 4xx goes
 * back to the model, as a database error does for SQL. The response's `sql` is the request text.
 */
export async function runHttpRequestAttempts(input: SqlAttemptInput): Promise<SqlAttemptOutcome> {
  const { context, timer, generation, connector } = input;
  const planner = connector.httpRequests;
  if (planner === undefined) {
    throw new SwitchyardError('SWY_ERR_INTERNAL', `Source "${connector.sourceName}" declares http-get requests but offers no request planner`);
  }
  const recorder = new AttemptRecorder(input.observer);
  const { attempts } = recorder;
  const allowedOperations = new Set(generation.source.tables.map((table) => table.name));
  const operations = await renderOperations(planner, generation.tables);
  const guard = { verdict: 'allowed' as const, limitApplied: false, functions: [] as string[] };
  let previous: { request: string; error: string } | undefined;

  for (let attempt = 1; attempt <= input.maxAttempts; attempt += 1) {
    const { parsed, reply } = await timer.measure('generate', () => askForPlan(context, generation, operations, previous));
    if ('problem' in parsed) {
      recorder.record({ sql: '', error: parsed.problem });
      previous = { request: reply.slice(0, 2000), error: parsed.problem };
      continue;
    }
    const plan = parsed.plan;
    const planText = JSON.stringify(plan);
    let request: string;
    try {
      request = await timer.measure('guard', async () => {
        // Operations hidden by the overlay are not in the catalog and are refused like unknown ones.
        if (!allowedOperations.has(plan.operation)) {
          throw new SwitchyardError('SWY_ERR_QUERY_FAILED', `"${plan.operation}" is not an operation of this source; choose one of: ${[...allowedOperations].join(', ')}`);
        }
        return planner.renderRequest(plan);
      });
    } catch (error) {
      if (!SwitchyardError.isInstance(error) || error.code !== 'SWY_ERR_QUERY_FAILED') throw error;
      recorder.record({ sql: planText, error: error.message });
      previous = { request: planText, error: error.message };
      continue;
    }
    if (input.dryRun) {
      recorder.record({ sql: request });
      return { sql: request, attempts, guard };
    }
    try {
      const result = await timer.measure('execute', () =>
        connector.execute(request, { maxRows: input.maxRows, timeoutMs: input.timeoutMs, ...(context.signal ? { signal: context.signal } : {}) }),
      );
      recorder.record({ sql: request });
      return { sql: request, result, attempts, guard: { ...guard, limitApplied: result.truncated } };
    } catch (error) {
      // A 4xx, a bad parameter or a response too large is fixed by another operation or other values.
      if (!AttemptRecorder.isRepairable(error)) throw error;
      recorder.record({ sql: request, error: error.message });
      previous = { request, error: error.message };
    }
  }
  throw recorder.exhausted('request');
}
