import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectHttpClient, initializeMessage, listenTestApp, openRawSession, postMcp, SalesModel } from './mcp-test-support.js';

/** Statements an agent might send through run_sql, and the guard rule each must be refused under. */
const attacks: { sql: string; rule: string }[] = [
  { sql: 'DELETE FROM sales', rule: 'not-a-query' },
  { sql: 'DROP TABLE sales', rule: 'not-a-query' },
  { sql: 'SELECT COUNT(*) FROM sales; DELETE FROM sales', rule: 'multiple-statements' },
  { sql: 'WITH gone AS (DELETE FROM sales RETURNING *) SELECT COUNT(*) FROM gone', rule: 'data-modifying-cte' },
  { sql: 'SELECT email FROM users', rule: 'pii-column' },
  { sql: 'SELECT * FROM users', rule: 'pii-column' },
  { sql: "SELECT * FROM read_csv('/etc/passwd')", rule: 'denied-file-access' },
  { sql: "SELECT current_setting('memory_limit')", rule: 'denied-function' },
  { sql: 'SELECT table_name FROM information_schema.tables', rule: 'system-catalog' },
  { sql: "ATTACH '/tmp/switchyard-attack.duckdb' AS other", rule: 'parse-error' },
];

describe('MCP: run_sql is exactly as guarded as ask, and protocol abuse gets errors, never 5xx', () => {
  let app: FastifyInstance;
  let mcpUrl: URL;
  let client: Client;

  beforeAll(async () => {
    ({ app, mcpUrl } = await listenTestApp({ languageModel: new SalesModel(), environment: { SWITCHYARD_CACHE: 'off' } }));
    client = await connectHttpClient(mcpUrl);
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  const salesCount = async () => {
    const result = (await client.callTool({ name: 'run_sql', arguments: { source: 'sales', sql: 'SELECT COUNT(*) AS n FROM sales' } })) as CallToolResult;
    return (result.structuredContent as { rows: number[][] }).rows[0]?.[0];
  };

  it('refuses every attack by its guard rule before anything runs, and nothing changes', async () => {
    const before = await salesCount();
    expect(before).toBeGreaterThan(0);
    for (const attack of attacks) {
      const result = (await client.callTool({ name: 'run_sql', arguments: { source: 'sales', sql: attack.sql } })) as CallToolResult;
      expect(result.isError, attack.sql).toBe(true);
      expect(result._meta?.['switchyard/error'], attack.sql).toMatchObject({ code: 'SWY_ERR_SQL_REJECTED', status: 422, details: { rule: attack.rule } });
      expect((result.content[0] as { text: string }).text, attack.sql).toMatch(/^SWY_ERR_SQL_REJECTED: /);
    }
    expect(await salesCount()).toBe(before);
    // The guard capped what a plain query may read at the row cap, as it does for an answer's SQL.
    const all = (await client.callTool({ name: 'run_sql', arguments: { source: 'sales', sql: 'SELECT salesid FROM sales', maxRows: 5 } })) as CallToolResult;
    expect(all.structuredContent).toMatchObject({ rowCount: 5, truncated: true, guard: { limitApplied: true } });
  });

  it('refuses SQL on a source that does not speak it', async () => {
    const result = (await client.callTool({ name: 'run_sql', arguments: { source: 'product', sql: 'SELECT 1' } })) as CallToolResult;
    expect(result._meta?.['switchyard/error']).toMatchObject({ code: 'SWY_ERR_VALIDATION', details: { source: 'product' } });
  });

  it('answers malformed, oversized and foreign requests with JSON-RPC errors carrying the stable code', async () => {
    const sessionId = await openRawSession(mcpUrl);
    const inSession = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
    const cases: { label: string; send: () => ReturnType<typeof postMcp>; status: number; rpc: number; code: string }[] = [
      { label: 'not JSON', send: () => postMcp(mcpUrl, '{"jsonrpc": "2.0", "id": 1, "method": ', inSession), status: 400, rpc: -32700, code: 'SWY_ERR_VALIDATION' },
      { label: 'empty body', send: () => postMcp(mcpUrl, '', inSession), status: 400, rpc: -32700, code: 'SWY_ERR_VALIDATION' },
      {
        label: 'over the body limit',
        send: () => postMcp(mcpUrl, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'ask', arguments: { question: 'x'.repeat(300 * 1024) } } }, inSession),
        status: 413,
        rpc: -32600,
        code: 'SWY_ERR_PAYLOAD_TOO_LARGE',
      },
      { label: 'not JSON content', send: () => postMcp(mcpUrl, 'hello', { ...inSession, 'content-type': 'text/plain' }), status: 415, rpc: -32600, code: 'SWY_ERR_UNSUPPORTED_MEDIA_TYPE' },
      { label: 'JSON that is not JSON-RPC', send: () => postMcp(mcpUrl, { hello: 'world' }, inSession), status: 400, rpc: -32700, code: 'SWY_ERR_VALIDATION' },
      { label: 'a number', send: () => postMcp(mcpUrl, 42, inSession), status: 400, rpc: -32700, code: 'SWY_ERR_VALIDATION' },
      { label: 'no session', send: () => postMcp(mcpUrl, { jsonrpc: '2.0', id: 3, method: 'tools/list' }), status: 400, rpc: -32600, code: 'SWY_ERR_VALIDATION' },
      {
        label: 'an unknown session',
        send: () => postMcp(mcpUrl, { jsonrpc: '2.0', id: 4, method: 'tools/list' }, { ...inSession, 'mcp-session-id': 'f00d' }),
        status: 404,
        rpc: -32001,
        code: 'SWY_ERR_NOT_FOUND',
      },
      {
        label: 'an unsupported protocol version',
        send: () => postMcp(mcpUrl, { jsonrpc: '2.0', id: 5, method: 'tools/list' }, { ...inSession, 'mcp-protocol-version': '1999-01-01' }),
        status: 400,
        rpc: -32000,
        code: 'SWY_ERR_VALIDATION',
      },
      {
        label: 'no event-stream in Accept',
        send: () => postMcp(mcpUrl, { jsonrpc: '2.0', id: 6, method: 'tools/list' }, { ...inSession, accept: 'application/json' }),
        status: 406,
        rpc: -32000,
        code: 'SWY_ERR_VALIDATION',
      },
      { label: 'a stream without a session', send: () => postMcp(mcpUrl, undefined, { accept: 'text/event-stream' }, 'GET'), status: 400, rpc: -32600, code: 'SWY_ERR_VALIDATION' },
      { label: 'a second initialize in the session', send: () => postMcp(mcpUrl, initializeMessage, inSession), status: 400, rpc: -32600, code: 'SWY_ERR_VALIDATION' },
    ];
    for (const { label, send, status, rpc, code } of cases) {
      const exchange = await send();
      expect(exchange.status, label).toBe(status);
      expect(exchange.message?.error, label).toMatchObject({ code: rpc, data: { code } });
    }
    // Inside the session, JSON-RPC the SDK answers on its own carries the code too.
    const unknownMethod = await postMcp(mcpUrl, { jsonrpc: '2.0', id: 7, method: 'tables/drop' }, inSession);
    expect(unknownMethod.status).toBe(200);
    expect(unknownMethod.message?.error).toMatchObject({ code: -32601, data: { code: 'SWY_ERR_NOT_FOUND' } });
    // Params the SDK cannot read fail in its own parsing, before any handler, as its internal error; still with a code.
    const badParams = await postMcp(mcpUrl, { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { arguments: {} } }, inSession);
    expect(badParams.status).toBe(200);
    expect(badParams.message?.error?.data?.code).toMatch(/^SWY_ERR_/);
    // None of it broke the session.
    const listed = await postMcp(mcpUrl, { jsonrpc: '2.0', id: 9, method: 'tools/list' }, inSession);
    expect(listed.status).toBe(200);
    expect((listed.message?.result as { tools: unknown[] }).tools).toHaveLength(6);
  });

  it('ends a session on DELETE; its id is unknown afterwards', async () => {
    const sessionId = await openRawSession(mcpUrl);
    const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
    expect((await postMcp(mcpUrl, undefined, headers, 'DELETE')).status).toBe(200);
    const after = await postMcp(mcpUrl, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, headers);
    expect(after.status).toBe(404);
    expect(after.message?.error?.data).toMatchObject({ code: 'SWY_ERR_NOT_FOUND' });
  });
});
