import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { runCallerSql, type CallerSqlOutcome } from '../pipeline/caller-sql-runner.js';
import { renderCsvLine } from '../rendering/csv-renderer.js';
import type { McpCaller } from './mcp-caller.js';
import type { McpServices } from './mcp-services.js';

/** The URI template of a query's full result as CSV. */
export const queryRowsUriTemplate = 'switchyard://queries/{queryId}/rows.csv';

const queryRowsPattern = /^switchyard:\/\/queries\/([^/]+)\/rows\.csv$/;

/** The resource URI of a query's full result. */
export function queryRowsUri(queryId: string): string {
  return `switchyard://queries/${encodeURIComponent(queryId)}/rows.csv`;
}

/** The query id a full-result URI names, or undefined when the URI is not one. */
export function queryIdOf(uri: string): string | undefined {
  const match = queryRowsPattern.exec(uri);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** A link to a query's full result as CSV, for a tool result's content. */
export function queryRowsLink(queryId: string): ResourceLink {
  return {
    type: 'resource_link',
    uri: queryRowsUri(queryId),
    name: `switchyard-${queryId.slice(0, 8)}.csv`,
    title: 'The full result as CSV',
    mimeType: 'text/csv',
    description: 'Every row of the query (up to SWITCHYARD_CSV_MAX_ROWS), read again from the source when this resource is read.',
  };
}

/**
 * Runs a recorded query again (an answer's or run_sql's), as GET /query/{id}/rows.csv does: only for
 * the client that asked it and while its key still reaches the source, guarded again against the
 * current catalog, with `maxRows` as the row cap. Anything else is 404, exactly like an unknown id.
 */
export async function rerunQuery(services: McpServices, caller: McpCaller, queryId: string, maxRows: number, signal: AbortSignal): Promise<CallerSqlOutcome> {
  const record = services.queryRecords.get(queryId, caller.client?.id);
  if (record === undefined || !caller.scope.allows(record.source)) {
    throw new SwitchyardError('SWY_ERR_NOT_FOUND', 'This query is unknown or has expired; ask the question again.', { details: { queryId } });
  }
  return runCallerSql(services, { sql: record.modelSql, source: record.source, scope: caller.scope, allowedTables: record.allowedTables, maxRows, signal });
}

/** A query's full result as CSV text, cut after the last whole line that fits SWITCHYARD_MCP_MAX_CSV_BYTES. */
export async function readQueryRows(services: McpServices, caller: McpCaller, queryId: string, signal: AbortSignal): Promise<{ text: string; rows: number; complete: boolean }> {
  const { result } = await rerunQuery(services, caller, queryId, services.settings.csvMaxRows, signal);
  const lines = [renderCsvLine(result.columns.map((column) => column.name))];
  let bytes = Buffer.byteLength(lines[0]!, 'utf8') + 1;
  for (const row of result.rows) {
    const line = renderCsvLine(row);
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    if (bytes > services.settings.mcpMaxCsvBytes) break;
    lines.push(line);
  }
  const rows = lines.length - 1;
  return { text: `${lines.join('\n')}\n`, rows, complete: rows === result.rows.length && !result.truncated };
}
