import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type CallToolResult,
  type ReadResourceResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { Errors } from 'typebox/value';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { QueryRequestLimits } from '../schemas/query-schema.js';
import { createOperationsObserver } from '../metrics/operations-observer.js';
import { askTool } from './ask-tool.js';
import { describeTableTool } from './describe-table-tool.js';
import { getRowsTool } from './get-rows-tool.js';
import { listSourcesTool } from './list-sources-tool.js';
import type { McpCaller } from './mcp-caller.js';
import { asSwitchyardError, jsonRpcCodes, jsonRpcFailure, toolErrorResult } from './mcp-error-mapping.js';
import type { McpServices } from './mcp-services.js';
import type { McpTool, McpToolContext } from './mcp-tool.js';
import { queryIdOf, queryRowsUriTemplate, readQueryRows } from './query-rows-resource.js';
import { runSqlTool } from './run-sql-tool.js';
import { searchCatalogTool } from './search-catalog-tool.js';
import { listSourceSchemas, readSourceSchema, sourceOfSchemaUri, sourceSchemaUriTemplate } from './source-schema-resource.js';

/** Every tool, in the order clients list them; ask's arguments state the running question and row limits. */
export function mcpTools(limits: QueryRequestLimits): readonly McpTool[] {
  return [askTool(limits), listSourcesTool, searchCatalogTool, describeTableTool, runSqlTool, getRowsTool];
}

/** A schema as served: plain JSON Schema, without the `$id`s that name the REST API's component types. */
function servedSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(servedSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$id').map(([key, value]) => [key, servedSchema(value)]));
}

/** A tool as tools/list describes it: the TypeBox schemas as plain JSON Schema, and honest annotations. */
function listing(tool: McpTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: servedSchema(tool.arguments) as Tool['inputSchema'],
    outputSchema: servedSchema(tool.result) as NonNullable<Tool['outputSchema']>,
    // Every tool reads and none reaches past the configured sources; only repeatability differs.
    annotations: { title: tool.title, readOnlyHint: true, destructiveHint: false, openWorldHint: false, ...tool.annotations },
  };
}

/** The tools of one service and their listings, built once and shared by its sessions. */
const catalogs = new WeakMap<McpServices, { listings: Tool[]; byName: Map<string, McpTool> }>();

function toolsOf(services: McpServices): { listings: Tool[]; byName: Map<string, McpTool> } {
  let tools = catalogs.get(services);
  if (tools === undefined) {
    const all = mcpTools(services.settings);
    tools = { listings: all.map(listing), byName: new Map(all.map((tool) => [tool.name, tool])) };
    catalogs.set(services, tools);
  }
  return tools;
}

const instructions = [
  'Switchyard answers questions over company data sources.',
  'Use list_sources to see what this key may query, search_catalog to find the tables that hold something, and describe_table for columns and sample values.',
  'Use ask for a question in plain English (it picks the source, writes and runs the SQL, and explains the rows), or run_sql to run one read-only query you wrote yourself.',
  'Results carry the first rows; get_rows pages through the rest by queryId. Each source\'s schema is also a resource.',
].join(' ');

/** The checked arguments of a call, or a validation error naming the first problem. */
function checkedArguments(tool: McpTool, input: unknown): SwitchyardError | undefined {
  const issues = Errors(tool.arguments, input);
  const first = issues[0];
  if (first === undefined) return undefined;
  const where = first.instancePath === '' ? 'arguments' : `arguments${first.instancePath}`;
  return new SwitchyardError('SWY_ERR_VALIDATION', `Invalid ${tool.name} call: ${where} ${first.message}`, {
    details: { issues: issues.slice(0, 10).map((issue) => ({ path: issue.instancePath, message: issue.message })) },
  });
}

/**
 * One MCP server for one caller: the low-level SDK `Server` (so the TypeBox schemas are served as
 * they are), with the tools, the source schemas and each query's rows as resources. Over HTTP each
 * session gets its own; the stdio entry makes one.
 */
export function createMcpServer(services: McpServices, caller: McpCaller): Server {
  const server = new Server(
    { name: 'switchyard', title: 'Switchyard', version: services.version },
    { capabilities: { tools: { listChanged: false }, resources: { listChanged: true } }, instructions },
  );

  const { listings, byName: toolsByName } = toolsOf(services);
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listings }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = toolsByName.get(request.params.name);
    if (tool === undefined) {
      throw jsonRpcFailure(
        new SwitchyardError('SWY_ERR_NOT_FOUND', `Unknown tool "${request.params.name}"`, { details: { tool: request.params.name, known: [...toolsByName.keys()] } }),
        jsonRpcCodes.invalidParams,
      );
    }
    const input = request.params.arguments ?? {};
    const invalid = checkedArguments(tool, input);
    if (invalid !== undefined) return toolErrorResult(invalid);
    const requestId = randomUUID();
    const log = services.log.child({ requestId, tool: tool.name, ...(extra.sessionId ? { mcpSession: extra.sessionId } : {}) });
    const progressToken = request.params._meta?.progressToken;
    let progress = 0;
    const context: McpToolContext = {
      services,
      caller,
      // The client's notifications/cancelled aborts extra.signal; shutdown's end of grace stops every call.
      signal: AbortSignal.any([extra.signal, services.shutdownSignal]),
      requestId,
      log,
      progress: (message) => {
        if (progressToken === undefined) return;
        progress += 1;
        extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, message } }).catch(() => undefined);
      },
      operationsObserver: (question) =>
        createOperationsObserver({ metrics: services.metrics, audit: services.audit, log, requestId, client: caller.client?.id ?? 'anonymous', channel: 'mcp', question }),
    };
    try {
      const outcome = await tool.run(input, context);
      return { content: [{ type: 'text', text: outcome.text }, ...(outcome.links ?? [])], structuredContent: outcome.structured as Record<string, unknown> };
    } catch (error) {
      const mapped = asSwitchyardError(error);
      if (mapped.statusCode >= 500 && mapped.kind === 'internal') log.error({ err: error, code: mapped.code }, 'tool call failed');
      else log.info({ code: mapped.code, message: mapped.message }, 'tool call refused');
      return toolErrorResult(mapped);
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => {
    try {
      return { resources: listSourceSchemas(services.catalog, caller) };
    } catch (error) {
      throw jsonRpcFailure(asSwitchyardError(error));
    }
  });

  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      { uriTemplate: sourceSchemaUriTemplate, name: 'source-schema', title: 'Schema of a source', mimeType: 'application/json', description: 'A source\'s tables, columns, types, descriptions, sample values (never PII) and example questions.' },
      { uriTemplate: queryRowsUriTemplate, name: 'query-rows', title: 'Full result of a query as CSV', mimeType: 'text/csv', description: 'Every row of an ask or run_sql result (up to SWITCHYARD_CSV_MAX_ROWS), by its queryId.' },
    ],
  }));

  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra): Promise<ReadResourceResult> => {
    const { uri } = request.params;
    try {
      const source = sourceOfSchemaUri(uri);
      if (source !== undefined) return { contents: [{ uri, mimeType: 'application/json', text: readSourceSchema(services.catalog, caller, source) }] };
      const queryId = queryIdOf(uri);
      if (queryId !== undefined) {
        const rows = await readQueryRows(services, caller, queryId, AbortSignal.any([extra.signal, services.shutdownSignal]));
        return { contents: [{ uri, mimeType: 'text/csv', text: rows.text, _meta: { rows: rows.rows, complete: rows.complete } }] };
      }
    } catch (error) {
      const mapped = asSwitchyardError(error);
      throw jsonRpcFailure(mapped, mapped.statusCode === 404 ? jsonRpcCodes.resourceNotFound : undefined);
    }
    throw jsonRpcFailure(new SwitchyardError('SWY_ERR_NOT_FOUND', `No resource "${uri}"`, { details: { uri } }), jsonRpcCodes.resourceNotFound);
  });

  return server;
}
