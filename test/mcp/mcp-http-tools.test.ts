import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceListChangedNotificationSchema, type CallToolResult, type Progress } from '@modelcontextprotocol/sdk/types.js';
import type { TSchema } from 'typebox';
import { Check } from 'typebox/value';
import { SourcesResponseSchema } from '../../src/schemas/catalog-schema.js';
import {
  AskResultSchema,
  DescribeTableResultSchema,
  GetRowsResultSchema,
  RunSqlResultSchema,
  SearchCatalogResultSchema,
} from '../../src/schemas/mcp-tool-schema.js';
import { queryRequestSchema } from '../../src/schemas/query-schema.js';
import { connectHttpClient, listenTestApp, SalesModel } from './mcp-test-support.js';

/** A successful tool result's structured content, checked against the tool's result schema. */
function structured(result: unknown, schema: TSchema): Record<string, unknown> {
  const call = result as CallToolResult;
  expect(call.isError, JSON.stringify(call.content)).not.toBe(true);
  expect(Check(schema, call.structuredContent), JSON.stringify(call.structuredContent)).toBe(true);
  expect(call.content[0]).toMatchObject({ type: 'text' });
  return call.structuredContent as Record<string, unknown>;
}

describe('MCP over Streamable HTTP: the tools, with the SDK client', () => {
  let app: FastifyInstance;
  let client: Client;
  const model = new SalesModel();

  beforeAll(async () => {
    const listening = await listenTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off', SWITCHYARD_MCP_MAX_ROWS: '3' } });
    app = listening.app;
    client = await connectHttpClient(listening.mcpUrl);
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('initializes on the newest protocol revision the SDK speaks, with tools and resources that notify list changes', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'switchyard' });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: { listChanged: true } });
    expect(client.getInstructions()).toContain('run_sql');
  });

  it('lists the six tools with the REST schemas as JSON Schema and honest annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['ask', 'list_sources', 'search_catalog', 'describe_table', 'run_sql', 'get_rows']);
    for (const tool of tools) {
      expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: true, openWorldHint: false, destructiveHint: false });
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.inputSchema.type, tool.name).toBe('object');
    }
    const ask = tools.find((tool) => tool.name === 'ask')!;
    // The POST /query body schema with the running limits, as plain JSON Schema: the API document's type names ($id) left out.
    const { $id: _name, ...requestSchema } = JSON.parse(JSON.stringify(queryRequestSchema(app.mcpServices.settings))) as Record<string, unknown>;
    expect(ask.inputSchema).toEqual(requestSchema);
    expect(JSON.stringify(tools)).not.toContain('"$id"');
    expect(ask.annotations?.idempotentHint).toBe(false);
    expect(tools.find((tool) => tool.name === 'run_sql')!.annotations?.idempotentHint).toBe(true);
  });

  it('ask: answers with source, SQL, capped rows, row count, query id and grounding check, reporting progress', async () => {
    const progress: Progress[] = [];
    const result = await client.callTool({ name: 'ask', arguments: { question: 'How many events are there?', source: 'sales' } }, undefined, {
      onprogress: (event) => progress.push(event),
    });
    const answer = structured(result, AskResultSchema);
    expect(answer).toMatchObject({ answer: 'The sales table holds the answer.', source: 'sales', guard: { verdict: 'allowed' }, rowsShown: 3 });
    expect(answer.rowCount as number).toBeGreaterThan(3);
    expect(answer.rows).toHaveLength(3);
    expect(answer.sql).toContain('FROM event');
    expect(answer.queryId).toEqual(expect.any(String));
    expect(answer.conversationId).toEqual(expect.any(String));
    expect(answer.answerCheck).toMatchObject({ grounded: true });
    const text = ((result as CallToolResult).content[0] as { text: string }).text;
    expect(text).toContain('The sales table holds the answer.');
    expect(text).toContain(`get_rows with queryId ${answer.queryId as string}`);
    expect((result as CallToolResult).content).toContainEqual(expect.objectContaining({ type: 'resource_link', uri: `switchyard://queries/${answer.queryId as string}/rows.csv` }));
    // Routed, the SQL attempt, rows read: each a notification, numbered upwards.
    expect(progress.map((event) => event.message)).toEqual([
      'Choosing a source and tables',
      expect.stringContaining('Routed to sales'),
      'SQL attempt 1 ran',
      expect.stringMatching(/^\d+ rows read( \(more at the row cap\))?; writing the answer$/),
    ]);
    expect(progress.map((event) => event.progress)).toEqual([1, 2, 3, 4]);
  });

  it('ask: a follow-up continues the conversation', async () => {
    const first = structured(await client.callTool({ name: 'ask', arguments: { question: 'How many sales were there?', source: 'sales' } }), AskResultSchema);
    const followUp = structured(
      await client.callTool({ name: 'ask', arguments: { question: 'How many sales per category?', source: 'sales', conversationId: first.conversationId } }),
      AskResultSchema,
    );
    expect(followUp.conversationId).toBe(first.conversationId);
  });

  it('ask: cancelling the call aborts the model call it was waiting on, and no result arrives', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'ask', arguments: { question: 'A slow question about sales', source: 'sales' } }, undefined, { signal: controller.signal });
    await model.held;
    const before = model.aborted;
    controller.abort('the user pressed stop');
    await expect(call).rejects.toThrow();
    await expect.poll(() => model.aborted, { timeout: 5000 }).toBe(before + 1);
    // The session goes on serving.
    structured(await client.callTool({ name: 'list_sources', arguments: {} }), SourcesResponseSchema);
  });

  it('list_sources, search_catalog and describe_table describe what can be asked, never a PII value', async () => {
    const sources = structured(await client.callTool({ name: 'list_sources', arguments: {} }), SourcesResponseSchema);
    expect((sources.sources as { name: string }[]).map((source) => source.name)).toEqual(['sales', 'hr', 'legal', 'finance', 'product']);

    const search = structured(await client.callTool({ name: 'search_catalog', arguments: { query: 'employee salaries by department', limit: 5 } }), SearchCatalogResultSchema);
    const candidates = search.candidates as { source: string; score: number; tables: { table: string; score: number }[] }[];
    expect(candidates[0]?.source).toBe('hr');
    expect(candidates[0]?.tables.map((table) => table.table)).toContain('salaries');
    expect(candidates.flatMap((candidate) => candidate.tables).length).toBeLessThanOrEqual(5);

    const users = structured(await client.callTool({ name: 'describe_table', arguments: { source: 'sales', table: 'users' } }), DescribeTableResultSchema);
    const columns = (users.table as { columns: { name: string; pii?: boolean; sampleValues?: string[] }[] }).columns;
    expect(users.dialect).toBe('duckdb');
    expect(columns.find((column) => column.name === 'email')).toEqual(expect.objectContaining({ pii: true }));
    expect(columns.find((column) => column.name === 'email')?.sampleValues).toBeUndefined();
    expect(JSON.stringify(users)).not.toContain('@');

    const unknown = (await client.callTool({ name: 'describe_table', arguments: { source: 'sales', table: 'nowhere' } })) as CallToolResult;
    expect(unknown.isError).toBe(true);
    expect(unknown._meta?.['switchyard/error']).toMatchObject({ code: 'SWY_ERR_NOT_FOUND', status: 404 });
  });

  it('run_sql then get_rows: pages through the rows, and the CSV resource holds them all', async () => {
    const ran = structured(await client.callTool({ name: 'run_sql', arguments: { source: 'sales', sql: 'SELECT catid, catname FROM category ORDER BY catid' } }), RunSqlResultSchema);
    expect(ran).toMatchObject({ source: 'sales', rowsShown: 3, guard: { verdict: 'allowed', limitApplied: true } });
    expect(ran.sql).toMatch(/LIMIT \d+$/);
    const total = ran.rowCount as number;
    expect(total).toBeGreaterThan(6);

    const seen: unknown[][] = [];
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const page = structured(await client.callTool({ name: 'get_rows', arguments: { queryId: ran.queryId, offset, limit: 3 } }), GetRowsResultSchema);
      expect(page.offset).toBe(offset);
      seen.push(...(page.rows as unknown[][]));
      offset = page.nextOffset as number | undefined;
    }
    expect(seen).toHaveLength(total);
    expect(seen.slice(0, 3)).toEqual(ran.rows);

    const csv = await client.readResource({ uri: `switchyard://queries/${ran.queryId as string}/rows.csv` });
    const lines = (csv.contents[0] as { text: string }).text.trim().split('\n');
    expect(lines[0]).toBe('catid,catname');
    expect(lines).toHaveLength(total + 1);

    const unknown = (await client.callTool({ name: 'get_rows', arguments: { queryId: 'no-such-query' } })) as CallToolResult;
    expect(unknown._meta?.['switchyard/error']).toMatchObject({ code: 'SWY_ERR_NOT_FOUND' });
  });

  it('checks arguments against the tool schema, answering a bad call as a tool error the model can read', async () => {
    const bad = (await client.callTool({ name: 'run_sql', arguments: { source: 'sales' } })) as CallToolResult;
    expect(bad.isError).toBe(true);
    expect((bad.content[0] as { text: string }).text).toMatch(/^SWY_ERR_VALIDATION: /);
    const extra = (await client.callTool({ name: 'list_sources', arguments: { everything: true } })) as CallToolResult;
    expect(extra._meta?.['switchyard/error']).toMatchObject({ code: 'SWY_ERR_VALIDATION', status: 400 });
    await expect(client.callTool({ name: 'drop_everything', arguments: {} })).rejects.toMatchObject({ code: -32602, data: { code: 'SWY_ERR_NOT_FOUND' } });
  });

  it('serves each source\'s schema as a resource and says when a catalog refresh changed the list', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toContain('switchyard://sources/sales/schema');
    const schema = await client.readResource({ uri: 'switchyard://sources/sales/schema' });
    const sales = JSON.parse((schema.contents[0] as { text: string }).text) as { name: string; tables: { name: string }[] };
    expect(sales.name).toBe('sales');
    expect(sales.tables.map((table) => table.name)).toContain('users');
    expect(JSON.stringify(sales)).not.toContain('@');
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(['switchyard://sources/{source}/schema', 'switchyard://queries/{queryId}/rows.csv']);

    // The start-up refresh (the persisted snapshot is served meanwhile) must be over, or it would notify too.
    await expect.poll(() => app.catalog.isRefreshing, { timeout: 30_000 }).toBe(false);
    let changed = 0;
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
      changed += 1;
    });
    await app.catalog.refresh();
    await expect.poll(() => changed, { timeout: 5000 }).toBe(1);
    const relisted = await client.listResources();
    expect(relisted.resources[0]?.annotations?.lastModified).toBe(app.catalog.snapshot.builtAt);

    await expect(client.readResource({ uri: 'switchyard://sources/nowhere/schema' })).rejects.toMatchObject({ code: -32002, data: { code: 'SWY_ERR_SOURCE_NOT_FOUND' } });
  });
});
