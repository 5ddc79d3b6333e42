import { runCallerSql } from '../pipeline/caller-sql-runner.js';
import { RunSqlArgumentsSchema, RunSqlResultSchema } from '../schemas/mcp-tool-schema.js';
import type { QueryResponse } from '../schemas/query-schema.js';
import { defineTool } from './mcp-tool.js';
import { queryRowsLink } from './query-rows-resource.js';
import { limitResultRows } from './result-row-limiter.js';
import { renderRowsText } from './result-text-renderer.js';

/** run_sql: a read-only query the agent wrote, through the same guard, row cap, timeout and scope as an answer's SQL. */
export const runSqlTool = defineTool({
  name: 'run_sql',
  title: 'Run read-only SQL',
  description:
    'Runs one read-only query you wrote on a named source, in that source\'s dialect (describe_table says which). It passes the same read-only guard as the SQL Switchyard writes itself: one SELECT only, only the source\'s tables, no PII column, no function outside the vetted list, a LIMIT at the row cap, and the source\'s statement timeout. A refusal names the rule and what a rewrite must change. Returns the SQL as run, columns, the first rows, and a queryId for get_rows and the CSV resource.',
  arguments: RunSqlArgumentsSchema,
  result: RunSqlResultSchema,
  // Reading changes nothing, however often it runs; each run only registers a new queryId.
  annotations: { idempotentHint: true },
  async run(input, context) {
    const { services, caller } = context;
    const { settings } = services;
    const observer = context.operationsObserver(input.sql);
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    observer.onRoute?.({ source: input.source, tables: [] });
    try {
      const outcome = await runCallerSql(services, {
        sql: input.sql,
        source: input.source,
        scope: caller.scope,
        maxRows: Math.min(input.maxRows ?? settings.defaultMaxRows, settings.maxRowsLimit),
        signal: context.signal,
        observer,
      });
      const { result } = outcome;
      observer.onAttempt?.({ sql: outcome.sql, attempt: 1 });
      observer.onRows?.(result);
      // Registered as an answer's query is, so get_rows and the CSV resource re-run it (guarded again) for this client only.
      const queryId = services.queryRecords.add({ source: outcome.source, modelSql: input.sql, allowedTables: outcome.allowedTables, owner: caller.client?.id });
      const rows = limitResultRows(result.rows, settings.mcpMaxRows, settings.mcpMaxResultBytes);
      const totalMs = elapsed();
      const response: QueryResponse = {
        answer: null, source: outcome.source, tables: [], sql: outcome.sql, columns: result.columns, rows: result.rows, rowCount: result.rows.length,
        truncated: result.truncated, attempts: [{ sql: outcome.sql }], guard: outcome.guard,
        timings: { routeMs: 0, generateMs: 0, guardMs: 0, executeMs: totalMs, explainMs: 0, llmMs: 0, totalMs },
        usage: { llmCalls: 0, promptTokens: 0, completionTokens: 0 }, queryId,
      };
      observer.onComplete?.({ response, cache: 'miss', durationMs: totalMs });
      const more = rows.length < result.rows.length ? `\nThe rest: get_rows with queryId ${queryId} and offset ${rows.length}.` : '';
      return {
        structured: { source: outcome.source, sql: outcome.sql, columns: result.columns, rows, rowCount: result.rows.length, truncated: result.truncated, guard: outcome.guard, queryId, rowsShown: rows.length },
        text: `Ran on ${outcome.source}:\n${outcome.sql}\n\n${renderRowsText(result.columns, rows, result.rows.length)}${result.truncated ? '\nThe source had more rows than the row cap.' : ''}${more}`,
        links: [queryRowsLink(queryId)],
      };
    } catch (error) {
      observer.onAttempt?.({ sql: input.sql, attempt: 1, error: error instanceof Error ? error.message : String(error) });
      observer.onComplete?.({ error, cache: 'miss', durationMs: elapsed() });
      throw error;
    }
  },
});
