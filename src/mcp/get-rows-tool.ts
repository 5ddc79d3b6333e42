import { GetRowsArgumentsSchema, GetRowsResultSchema } from '../schemas/mcp-tool-schema.js';
import { defineTool } from './mcp-tool.js';
import { queryRowsLink, rerunQuery } from './query-rows-resource.js';
import { limitResultRows } from './result-row-limiter.js';
import { renderRowsText } from './result-text-renderer.js';

/** get_rows: one page of a query's rows, read again from the source, and a link to all of them as CSV. */
export const getRowsTool = defineTool({
  name: 'get_rows',
  title: 'Page through a result',
  description:
    'Returns rows offset to offset + limit of an ask or run_sql result, by its queryId (only the key that ran it may read it; ids expire with conversations). The query runs again on the source each time, guarded again, so without ORDER BY a source may return rows in another order. Also links the full result as a CSV resource.',
  arguments: GetRowsArgumentsSchema,
  result: GetRowsResultSchema,
  annotations: { idempotentHint: true },
  async run(input, { services, caller, signal }) {
    const { mcpMaxRows, mcpMaxResultBytes, csvMaxRows } = services.settings;
    const offset = input.offset ?? 0;
    const limit = Math.min(input.limit ?? mcpMaxRows, mcpMaxRows);
    const wanted = Math.min(offset + limit, csvMaxRows);
    const outcome = await rerunQuery(services, caller, input.queryId, wanted, signal);
    const fetched = outcome.result.rows;
    const rows = limitResultRows(fetched.slice(offset, offset + limit), limit, mcpMaxResultBytes);
    const end = offset + rows.length;
    // More rows exist when this page stopped inside what was read, or the source had more than was asked for.
    const hasMore = end < fetched.length || (outcome.result.truncated && fetched.length >= offset + limit && rows.length > 0);
    const capped = outcome.result.truncated && fetched.length < offset + limit;
    const columns = outcome.result.columns;
    const where = rows.length === 0 ? `No rows at offset ${offset}.` : `Rows ${offset + 1} to ${end}:\n${renderRowsText(columns, rows, rows.length)}`;
    const next = hasMore ? `\nNext page: offset ${end}.` : capped ? '\nThe result goes on past the row cap (SWITCHYARD_CSV_MAX_ROWS or the source\'s maxRows); no page reaches those rows.' : '';
    return {
      structured: { queryId: input.queryId, source: outcome.source, columns, rows, offset, ...(hasMore ? { nextOffset: end } : {}), capped },
      text: `${where}${next}`,
      links: [queryRowsLink(input.queryId)],
    };
  },
});
