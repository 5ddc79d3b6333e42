import { combineObservers, type PipelineObserver } from '../metrics/pipeline-observer.js';
import { AskResultSchema, type AskResult } from '../schemas/mcp-tool-schema.js';
import { queryRequestSchema, type QueryRequest, type QueryRequestLimits, type QueryResponse } from '../schemas/query-schema.js';
import { defineTool, type McpTool, type McpToolContext } from './mcp-tool.js';
import { queryRowsLink } from './query-rows-resource.js';
import { limitResultRows } from './result-row-limiter.js';
import { renderRowsText } from './result-text-renderer.js';

/** Stage events as progress notifications: routed, each SQL attempt, each part of a federated answer, rows read. */
function progressObserver(context: McpToolContext, request: QueryRequest): PipelineObserver {
  const ran = request.dryRun === true ? 'passed the guard' : 'ran';
  const next = request.explain === false ? '' : '; writing the answer';
  return {
    onRoute: (event) => context.progress(`Routed to ${event.source} (${event.tables.join(', ')}); writing SQL`),
    onAttempt: (event) => context.progress(event.error === undefined ? `SQL attempt ${event.attempt} ${ran}` : `SQL attempt ${event.attempt} failed: ${event.error}`),
    onPart: (event) => context.progress(`Part ${event.index}: ${event.rows === 1 ? '1 row' : `${event.rows} rows`} of ${event.source}.${event.table} moved in ${Math.round(event.milliseconds)} ms`),
    onRows: (event) => context.progress(`${event.rows.length === 1 ? '1 row' : `${event.rows.length} rows`} read${event.truncated ? ' (more at the row cap)' : ''}${next}`),
  };
}

/** The response as the tool returns it: the answer's fields without the debug ones, its rows capped. */
function askResult(response: QueryResponse, rows: unknown[][]): AskResult {
  const { answer, source, tables, sql, modelSql, requestLanguage, columns, rowCount, truncated, attempts, guard, conversationId, standaloneQuestion, queryId, answerCheck, plan, cache } = response;
  return {
    answer, source, tables, sql, columns, rows, rowCount, truncated, attempts, guard,
    ...(modelSql === undefined ? {} : { modelSql }),
    ...(requestLanguage === undefined ? {} : { requestLanguage }),
    ...(conversationId === undefined ? {} : { conversationId }),
    ...(standaloneQuestion === undefined ? {} : { standaloneQuestion }),
    ...(queryId === undefined ? {} : { queryId }),
    ...(answerCheck === undefined ? {} : { answerCheck }),
    ...(plan === undefined ? {} : { plan }),
    ...(cache === undefined ? {} : { cache }),
    rowsShown: rows.length,
  };
}

function answerText(response: QueryResponse, rows: unknown[][]): string {
  const parts = [response.answer ?? (response.rowCount > 0 || response.columns.length > 0 ? 'Rows without an answer in words (explain was off).' : 'SQL written and guarded, not run (dry run).')];
  if (response.answerCheck !== undefined && !response.answerCheck.grounded) {
    parts.push(`Check: the answer states numbers found nowhere in the rows: ${response.answerCheck.numbersNotInRows.join(', ')}.`);
  }
  parts.push(`Source: ${response.source} (${response.tables.join(', ')})\n${response.requestLanguage === 'http-get' ? 'HTTP request' : 'SQL'}:\n${response.sql}`);
  if (response.columns.length > 0) parts.push(renderRowsText(response.columns, rows, response.rowCount));
  if (rows.length < response.rowCount && response.queryId !== undefined) parts.push(`The rest: get_rows with queryId ${response.queryId} and offset ${rows.length}.`);
  if (response.conversationId !== undefined) parts.push(`To follow up, call ask with conversationId ${response.conversationId}.`);
  return parts.join('\n\n');
}

/** ask: the whole pipeline, as POST /query runs it, with progress notifications and cancellation; its arguments state the running limits. */
export function askTool(limits: QueryRequestLimits): McpTool {
  return defineTool({
    name: 'ask',
    title: 'Ask a question of the data',
    description:
      'Answers a question in plain English over the company\'s data: routes it to a source and tables, writes SQL in that source\'s dialect, proves it read-only, runs it (repairing it from the database\'s error if needed) and explains the rows. Returns the answer, the source and tables, the SQL that ran, columns, the first rows, the row count, a grounding check of the numbers the answer states, a queryId for get_rows and the CSV resource, and a conversationId to ask a follow-up ("and in 2009?"). Sends progress notifications when asked for them; cancelling the call stops the query.',
    arguments: queryRequestSchema(limits),
    result: AskResultSchema,
    // Each call records a conversation turn and a new queryId, and a model may word the answer differently.
    annotations: { idempotentHint: false },
    async run(input, context) {
      const { services, caller } = context;
      context.progress('Choosing a source and tables');
      const response = await services.pipeline.run(input, {
        signal: context.signal,
        observer: combineObservers(context.operationsObserver(input.question), progressObserver(context, input)),
        ...(caller.client?.allowedSources ? { allowedSources: caller.client.allowedSources } : {}),
        ...(caller.client ? { client: caller.client.id } : {}),
      });
      const rows = limitResultRows(response.rows, services.settings.mcpMaxRows, services.settings.mcpMaxResultBytes);
      return {
        structured: askResult(response, rows),
        text: answerText(response, rows),
        ...(response.queryId === undefined ? {} : { links: [queryRowsLink(response.queryId)] }),
      };
    },
  });
}
