import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { apiKeyFor, uniqueSuffix } from '../ops/ops-test-support.js';
import { connectHttpClient, initializeMessage, listenTestApp, openRawSession, postMcp, SalesModel } from './mcp-test-support.js';

const salesOnly = apiKeyFor('mcp-sales-team', ['sales']);
const everything = apiKeyFor('mcp-data-team', '*');
const intruder = apiKeyFor('mcp-intruder', '*');
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The stable code a failed tool call carries. */
function failure(result: unknown): { code: string; status: number; details?: Record<string, unknown> } | undefined {
  const call = result as CallToolResult;
  expect(call.isError).toBe(true);
  return call._meta?.['switchyard/error'] as { code: string; status: number } | undefined;
}

describe('MCP over HTTP: the same keys, scopes, limits and audit as REST', () => {
  let app: FastifyInstance;
  let mcpUrl: URL;
  let scoped: Client;
  let unrestricted: Client;
  let auditFile: string;
  const model = new SalesModel();

  beforeAll(async () => {
    auditFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), `mcp-audit-${uniqueSuffix()}-`)), 'audit.jsonl');
    const listening = await listenTestApp({
      languageModel: model,
      environment: {
        SWITCHYARD_API_KEYS: JSON.stringify([salesOnly.entry, everything.entry, intruder.entry]),
        SWITCHYARD_AUDIT_LOG: auditFile,
        SWITCHYARD_CACHE: 'off',
        SWITCHYARD_MCP_ALLOWED_ORIGINS: 'https://agents.example.com',
      },
    });
    ({ app, mcpUrl } = listening);
    scoped = await connectHttpClient(mcpUrl, bearer(salesOnly.key));
    unrestricted = await connectHttpClient(mcpUrl, { 'x-api-key': everything.key });
  });
  afterAll(async () => {
    await scoped?.close();
    await unrestricted?.close();
    await app?.close();
  });

  it('answers 401 before MCP without a key or with an unknown one, as a JSON-RPC error with the stable code', async () => {
    for (const headers of [{}, bearer('swy_not_a_key'), { 'x-api-key': '' }] as Record<string, string>[]) {
      const refused = await postMcp(mcpUrl, initializeMessage, headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('mcp-session-id')).toBeNull();
      expect(refused.message?.error).toMatchObject({ code: -32000, data: { code: 'SWY_ERR_UNAUTHORIZED', status: 401 } });
    }
    await expect(connectHttpClient(mcpUrl)).rejects.toThrow(/401|API key/);
  });

  it('lists and reads only the key\'s own sources', async () => {
    const listed = (await scoped.callTool({ name: 'list_sources', arguments: {} })) as CallToolResult;
    expect((listed.structuredContent as { sources: { name: string }[] }).sources.map((source) => source.name)).toEqual(['sales']);
    expect((await scoped.listResources()).resources.map((resource) => resource.uri)).toEqual(['switchyard://sources/sales/schema']);
    const search = (await scoped.callTool({ name: 'search_catalog', arguments: { query: 'employee salaries by department' } })) as CallToolResult;
    const candidates = (search.structuredContent as { candidates: { source: string; tables: { table: string }[] }[] }).candidates;
    expect(candidates.map((candidate) => candidate.source)).toEqual(['sales']);
    expect(JSON.stringify(candidates)).not.toMatch(/salaries|employees/);
    await expect(scoped.readResource({ uri: 'switchyard://sources/hr/schema' })).rejects.toMatchObject({ data: { code: 'SWY_ERR_FORBIDDEN', status: 403 } });
  });

  it('refuses describe_table, run_sql and ask on another source with 403, running nothing', async () => {
    const callsBefore = model.calls.length;
    expect(failure(await scoped.callTool({ name: 'describe_table', arguments: { source: 'hr', table: 'employees' } }))).toMatchObject({ code: 'SWY_ERR_FORBIDDEN', status: 403 });
    expect(failure(await scoped.callTool({ name: 'run_sql', arguments: { source: 'hr', sql: 'SELECT COUNT(*) FROM employees' } }))).toMatchObject({ code: 'SWY_ERR_FORBIDDEN' });
    // From an allowed source, a table of a forbidden one is refused as the source it belongs to.
    expect(failure(await scoped.callTool({ name: 'run_sql', arguments: { source: 'sales', sql: 'SELECT COUNT(*) FROM hr.employees' } }))).toMatchObject({
      code: 'SWY_ERR_FORBIDDEN',
      details: { source: 'hr', client: 'mcp-sales-team' },
    });
    expect(failure(await scoped.callTool({ name: 'ask', arguments: { question: 'How many employees are there?', source: 'hr' } }))).toMatchObject({ code: 'SWY_ERR_FORBIDDEN' });
    // An unknown source names only the key's own sources as the known ones.
    expect(failure(await scoped.callTool({ name: 'describe_table', arguments: { source: 'nowhere', table: 'x' } }))).toMatchObject({
      code: 'SWY_ERR_SOURCE_NOT_FOUND',
      details: { known: ['sales'] },
    });
    expect(model.calls.length).toBe(callsBefore);
    // The unrestricted key reaches the same table.
    const allowed = (await unrestricted.callTool({ name: 'describe_table', arguments: { source: 'hr', table: 'employees' } })) as CallToolResult;
    expect(allowed.isError).not.toBe(true);
  });

  it('keeps a session and its query ids to the client that opened them', async () => {
    const sessionId = await openRawSession(mcpUrl, bearer(everything.key));
    const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const own = await postMcp(mcpUrl, listTools, { ...bearer(everything.key), 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
    expect(own.status).toBe(200);
    const stolen = await postMcp(mcpUrl, listTools, { ...bearer(intruder.key), 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
    expect(stolen.status).toBe(404);
    expect(stolen.message?.error).toMatchObject({ code: -32001, data: { code: 'SWY_ERR_NOT_FOUND' } });

    const ran = (await unrestricted.callTool({ name: 'run_sql', arguments: { source: 'hr', sql: 'SELECT COUNT(*) AS n FROM employees' } })) as CallToolResult;
    const queryId = (ran.structuredContent as { queryId: string }).queryId;
    const intruding = await connectHttpClient(mcpUrl, bearer(intruder.key));
    try {
      expect(failure(await intruding.callTool({ name: 'get_rows', arguments: { queryId } }))).toMatchObject({ code: 'SWY_ERR_NOT_FOUND' });
      await expect(intruding.readResource({ uri: `switchyard://queries/${queryId}/rows.csv` })).rejects.toMatchObject({ data: { code: 'SWY_ERR_NOT_FOUND' } });
    } finally {
      await intruding.close();
    }
  });

  it('checks Origin against DNS rebinding: a foreign page is refused, loopback and listed origins pass', async () => {
    const foreign = await postMcp(mcpUrl, initializeMessage, { ...bearer(everything.key), origin: 'http://rebound.example.net' });
    expect(foreign.status).toBe(403);
    expect(foreign.message?.error?.data).toMatchObject({ code: 'SWY_ERR_FORBIDDEN' });
    expect(foreign.headers.get('mcp-session-id')).toBeNull();
    for (const origin of [`http://localhost:${mcpUrl.port}`, 'https://agents.example.com']) {
      expect((await postMcp(mcpUrl, initializeMessage, { ...bearer(everything.key), origin })).status, origin).toBe(200);
    }
  });

  it('records MCP questions and statements in the audit log with channel mcp, never the key', async () => {
    await unrestricted.callTool({ name: 'ask', arguments: { question: 'How many sales were there?', source: 'sales' } });
    await unrestricted.callTool({ name: 'run_sql', arguments: { source: 'sales', sql: 'DELETE FROM sales' } });
    await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales in all?', source: 'sales' }, headers: bearer(everything.key) });
    const records = async () => (await fs.readFile(auditFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    await expect.poll(async () => (await records()).some((record) => record.question === 'How many sales in all?'), { timeout: 5000 }).toBe(true);
    const all = await records();
    expect(all.find((record) => record.question === 'How many sales were there?')).toMatchObject({ channel: 'mcp', client: 'mcp-data-team', source: 'sales', guardVerdict: 'allowed', status: 200 });
    expect(all.find((record) => record.question === 'DELETE FROM sales')).toMatchObject({
      channel: 'mcp', client: 'mcp-data-team', guardVerdict: 'rejected', errorCode: 'SWY_ERR_SQL_REJECTED', status: 422,
    });
    expect(all.find((record) => record.question === 'How many sales in all?')).toMatchObject({ channel: 'rest' });
    const text = await fs.readFile(auditFile, 'utf8');
    for (const { key } of [salesOnly, everything, intruder]) expect(text).not.toContain(key);
  });
});

describe('MCP over HTTP: the rate limit', () => {
  it('spends the key\'s budget on /mcp requests too, answering 429 as a JSON-RPC error with Retry-After', async () => {
    const limited = apiKeyFor(`mcp-limited-${uniqueSuffix()}`, '*');
    const { app, mcpUrl } = await listenTestApp({
      languageModel: new SalesModel(),
      environment: { SWITCHYARD_API_KEYS: JSON.stringify([limited.entry]), SWITCHYARD_RATE_LIMIT_MAX: '4', SWITCHYARD_RATE_LIMIT_WINDOW_MS: '60000' },
    });
    try {
      const sessionId = await openRawSession(mcpUrl, bearer(limited.key));
      const statuses: number[] = [];
      let refusal: Awaited<ReturnType<typeof postMcp>> | undefined;
      for (let index = 0; index < 4; index += 1) {
        const exchange = await postMcp(mcpUrl, { jsonrpc: '2.0', id: 10 + index, method: 'tools/list' }, { ...bearer(limited.key), 'mcp-session-id': sessionId });
        statuses.push(exchange.status);
        if (exchange.status === 429) refusal ??= exchange;
      }
      // initialize and initialized spent two of the four.
      expect(statuses).toEqual([200, 200, 429, 429]);
      expect(refusal?.message?.error?.data).toMatchObject({ code: 'SWY_ERR_RATE_LIMITED', status: 429 });
      expect(Number(refusal?.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
