import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { closedPort } from '../connectors/closed-port.js';
import { buildTestApp } from '../helpers/test-app.js';

/** An OpenAI-compatible server that lists `served` models and records every request it gets. */
async function startModelServer(served: () => string[]): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (request.method === 'GET' && request.url === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: served().map((id) => ({ id, object: 'model' })) }));
      return;
    }
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}


const openAi = (baseUrl: string) => ({ SWITCHYARD_LLM: 'openai', OPENAI_BASE_URL: baseUrl, SWITCHYARD_LLM_MODEL: 'qwen-7b' });

describe('GET /ready probes the model server without spending tokens', () => {
  let served = ['qwen-7b'];
  let server: Awaited<ReturnType<typeof startModelServer>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    server = await startModelServer(() => served);
    app = await buildTestApp({ environment: openAi(server.url) });
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('reports ok when the server lists the model, having called only GET /models', async () => {
    const body = (await app.inject({ method: 'GET', url: '/ready' })).json();
    expect(body.llm).toEqual({ status: 'ok', provider: 'openai', model: 'qwen-7b', url: `${server.url}/models` });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(new Set(server.requests)).toEqual(new Set(['GET /v1/models']));
  });

  it('reports model-unknown naming the model and what the server serves', async () => {
    served = ['llama-3'];
    const body = (await app.inject({ method: 'GET', url: '/ready' })).json();
    expect(body.llm).toMatchObject({ status: 'model-unknown', model: 'qwen-7b' });
    expect(body.llm.detail).toContain('"qwen-7b"');
    expect(body.llm.detail).toContain('llama-3');
    expect(body.llm.detail).toContain('SWITCHYARD_LLM_MODEL');
  });
});

describe('GET /ready with the model server down', () => {
  let app: FastifyInstance;
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    app = await buildTestApp({ environment: openAi(baseUrl) });
  });
  afterAll(async () => app?.close());

  it('names the URL it could not reach and the setting to fix, and still reports the catalog ready', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.llmConfigured).toBe(true);
    expect(body.llm).toMatchObject({ status: 'unreachable', url: `${baseUrl}/models` });
    expect(body.llm.detail).toContain(`${baseUrl}/models`);
    expect(body.llm.detail).toContain('OPENAI_BASE_URL');
  });
});
