import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { Check } from 'typebox/value';
import { AskResultSchema } from '../../src/schemas/mcp-tool-schema.js';
import { chatCompletionReply, FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { repositoryRoot } from '../helpers/services.js';
import { apiKeyFor, uniqueSuffix } from '../ops/ops-test-support.js';
import { stdioCommand, stdioEnvironment } from './mcp-test-support.js';

const salesOnly = apiKeyFor('desktop-sales', ['sales']);

describe('MCP over stdio: the same services in-process, held to the key in SWITCHYARD_MCP_API_KEY', () => {
  let llm: FakeOpenAiServer;
  let client: Client;
  let auditFile: string;
  let stderr = '';

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start();
    auditFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), `mcp-stdio-${uniqueSuffix()}-`)), 'audit.jsonl');
    const transport = new StdioClientTransport({
      ...stdioCommand,
      cwd: os.tmpdir(),
      stderr: 'pipe',
      env: stdioEnvironment({
        SWITCHYARD_API_KEYS: JSON.stringify([salesOnly.entry]),
        SWITCHYARD_MCP_API_KEY: salesOnly.key,
        SWITCHYARD_LLM: 'openai',
        OPENAI_BASE_URL: llm.baseUrl,
        SWITCHYARD_LLM_MODEL: 'fake-model',
        SWITCHYARD_LLM_MAX_RETRIES: '0',
        SWITCHYARD_CACHE: 'off',
        SWITCHYARD_AUDIT_LOG: auditFile,
      }),
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    client = new Client({ name: 'desktop-test', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
    await llm?.close();
  });

  it('initializes and lists the tools', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'switchyard' });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['ask', 'list_sources', 'search_catalog', 'describe_table', 'run_sql', 'get_rows']);
  });

  it('answers ask through the configured OpenAI-compatible model, with progress', async () => {
    llm.script(chatCompletionReply('<sql>SELECT COUNT(*) AS n FROM sales</sql>'), chatCompletionReply('There were many sales.'));
    const progress: Progress[] = [];
    const result = (await client.callTool({ name: 'ask', arguments: { question: 'How many sales were there?' } }, undefined, { onprogress: (event) => progress.push(event) })) as CallToolResult;
    expect(result.isError, stderr).not.toBe(true);
    expect(Check(AskResultSchema, result.structuredContent)).toBe(true);
    expect(result.structuredContent).toMatchObject({ answer: 'There were many sales.', source: 'sales', rowCount: 1 });
    // A key confined to one source skips the routing call: the SQL and the explanation only.
    expect(llm.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(2);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it('holds the key\'s scope: another source is refused, an attack through run_sql too', async () => {
    const sources = (await client.callTool({ name: 'list_sources', arguments: {} })) as CallToolResult;
    expect((sources.structuredContent as { sources: { name: string }[] }).sources.map((source) => source.name)).toEqual(['sales']);
    const forbidden = (await client.callTool({ name: 'describe_table', arguments: { source: 'hr', table: 'salaries' } })) as CallToolResult;
    expect(forbidden._meta?.['switchyard/error']).toMatchObject({ code: 'SWY_ERR_FORBIDDEN' });
    const attack = (await client.callTool({ name: 'run_sql', arguments: { source: 'sales', sql: 'SELECT 1; DELETE FROM sales' } })) as CallToolResult;
    expect(attack._meta?.['switchyard/error']).toMatchObject({ code: 'SWY_ERR_SQL_REJECTED', details: { rule: 'multiple-statements' } });
    expect((await client.listResources()).resources.map((resource) => resource.uri)).toEqual(['switchyard://sources/sales/schema']);
  });

  it('honours cancellation of ask: the run ends at once instead of waiting on the model', async () => {
    llm.script({ hang: true });
    const controller = new AbortController();
    const call = client.callTool({ name: 'ask', arguments: { question: 'How many listings are there?' } }, undefined, {
      signal: controller.signal,
      onprogress: (event) => {
        if (event.message?.startsWith('Routed')) controller.abort('stop');
      },
    });
    await expect(call).rejects.toThrow();
    // The pipeline stopped and wrote its record, long before the model call's own timeout.
    const records = async () => (await fs.readFile(auditFile, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    await expect.poll(async () => (await records()).find((record) => record.question === 'How many listings are there?'), { timeout: 10_000 }).toMatchObject({
      channel: 'mcp',
      client: 'desktop-sales',
      errorCode: expect.stringMatching(/^SWY_ERR_/),
    });
  });
});

describe('MCP over stdio: start-up', () => {
  it('refuses to start without a key when keys are on, naming the setting', async () => {
    const child = spawn(stdioCommand.command, stdioCommand.args, {
      cwd: repositoryRoot,
      env: stdioEnvironment({ SWITCHYARD_API_KEYS: JSON.stringify([salesOnly.entry]) }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('SWY_ERR_CONFIG_INVALID');
    expect(stderr).toContain('SWITCHYARD_MCP_API_KEY');
    // stdout is the protocol channel: nothing but JSON-RPC may ever reach it.
    expect(stdout).toBe('');
  });
});
