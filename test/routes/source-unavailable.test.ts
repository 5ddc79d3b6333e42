import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { buildTestApp } from '../helpers/test-app.js';

/** A port that was just free: nothing listens there, so connections are refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a source that is down', () => {
  let app: FastifyInstance;
  let catalogDirectory: string;
  const model = new ScriptedLanguageModel([], (options) => {
    const text = options.messages.map((message) => message.content).join('\n');
    if (text.includes('Answer with one JSON object')) return '{"source": "sales", "tables": ["sales"]}';
    if (text.includes('<sql></sql>')) return '<sql>SELECT COUNT(*) AS n FROM sales</sql>';
    return 'Counted.';
  });

  beforeAll(async () => {
    catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-down-catalog-'));
    await fs.writeFile(
      path.join(catalogDirectory, 'sources.yaml'),
      [
        'sources:',
        '  - name: warehouse',
        '    kind: postgres',
        '    description: A PostgreSQL warehouse that is currently unreachable',
        `    connection: { host: 127.0.0.1, port: ${await closedPort()}, user: postgres, database: postgres, connectTimeoutMs: 1000 }`,
        '  - name: sales',
        '    kind: duckdb',
        '    description: Ticket sales',
        `    connection: { database: ${path.join(testDataDirectory, 'demo', 'sales.duckdb')} }`,
      ].join('\n'),
    );
    app = await buildTestApp({ languageModel: model, catalogDirectory });
  });

  afterAll(async () => {
    await app?.close();
    await fs.rm(catalogDirectory, { recursive: true, force: true });
  });

  it('starts anyway and reports the source unhealthy in /ready while the others are healthy', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    const sources = response.json().sources as { name: string; healthy: boolean; error?: string }[];
    expect(sources.find((source) => source.name === 'warehouse')).toMatchObject({ healthy: false });
    expect(sources.find((source) => source.name === 'sales')).toMatchObject({ healthy: true });
    const catalog = (await app.inject({ method: 'GET', url: '/sources' })).json();
    expect(catalog.sources.find((source: { name: string }) => source.name === 'warehouse').status.healthy).toBe(false);
  });

  it('answers 503 naming the source when it is asked for directly', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many?', source: 'warehouse' } });
    expect(response.statusCode).toBe(503);
    const error = response.json().error;
    expect(error.code).toBe('SWY_ERR_SOURCE_NOT_LOADED');
    expect(error.message).toContain('warehouse');
    expect(error.details.source).toBe('warehouse');
    // Said once, and without the host and port the network puts the source at.
    expect(error.message.match(/is unavailable/g)).toHaveLength(1);
    expect(error.message).not.toMatch(/127\.0\.0\.1|:\d{2,5}\b/);
  });

  it('keeps answering from the healthy source, which chain 1 alone is offered', async () => {
    model.calls.length = 0;
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().source).toBe('sales');
    // With the warehouse down, sales is the only candidate, so chain 1 has nothing to choose and is skipped.
    const prompts = model.calls.map((call) => call.messages.map((message) => message.content).join('\n'));
    expect(prompts.some((prompt) => prompt.includes('Answer with one JSON object'))).toBe(false);
    expect(prompts.some((prompt) => prompt.includes('<sql></sql>'))).toBe(true);
    for (const prompt of prompts) expect(prompt).not.toContain('warehouse');
    // Retrieval still sees the warehouse (to refuse a question it matches best), ranked below sales here.
    expect(response.json().routing.candidates.map((source: { source: string }) => source.source)).toEqual(['sales', 'warehouse']);
  });
});
