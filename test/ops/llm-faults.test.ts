import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { FakeOpenAiServer, chatCompletionReply, openAiErrorReply } from '../helpers/fake-openai-server.js';

describe('an OpenAI-compatible provider failing (fake server speaking the real protocol)', () => {
  let llm: FakeOpenAiServer;
  let app: FastifyInstance;

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start();
    app = await buildTestApp({
      environment: {
        SWITCHYARD_LLM: 'openai',
        OPENAI_BASE_URL: llm.baseUrl,
        SWITCHYARD_LLM_MODEL: 'fake-model',
        SWITCHYARD_LLM_MAX_RETRIES: '2',
        SWITCHYARD_LLM_TIMEOUT_MS: '300',
        SWITCHYARD_BREAKER_THRESHOLD: '2',
        SWITCHYARD_BREAKER_HALF_OPEN_MS: '400',
        SWITCHYARD_CACHE: 'off',
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await llm?.close();
  });

  const ask = async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', source: 'sales' } });
    return { status: response.statusCode, body: response.json() };
  };

  it('retries 500s a bounded number of times, then answers 502', async () => {
    const before = llm.requests.length;
    llm.script(openAiErrorReply(500, 'boom'), openAiErrorReply(500, 'boom'), openAiErrorReply(500, 'boom'));
    const failed = await ask();
    expect(failed.status).toBe(502);
    expect(failed.body.error).toMatchObject({ code: 'SWY_ERR_LLM_FAILED', details: { attempts: 3 } });
    expect(llm.requests.length - before).toBe(3);
  });

  it('times out a hanging provider on every attempt, then answers 504; the breaker then opens and fails fast with 503', async () => {
    const before = llm.requests.length;
    llm.script({ hang: true }, { hang: true }, { hang: true });
    const timedOut = await ask();
    expect(timedOut.status).toBe(504);
    expect(timedOut.body.error.code).toBe('SWY_ERR_LLM_TIMEOUT');
    expect(llm.requests.length - before).toBe(3);

    // Two questions failed in a row (threshold 2): the next one never reaches the provider.
    const open = await ask();
    expect(open.status).toBe(503);
    expect(open.body.error).toMatchObject({ code: 'SWY_ERR_LLM_CIRCUIT_OPEN', details: { provider: 'openai' } });
    expect(llm.requests.length - before).toBe(3);

    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/switchyard_llm_errors_total\{provider="openai",code="SWY_ERR_LLM_CIRCUIT_OPEN"\} 1/);
    expect(metrics).toMatch(/switchyard_llm_errors_total\{provider="openai",code="SWY_ERR_LLM_TIMEOUT"\} 1/);
  });

  it('lets a trial call through after the half-open delay and closes again when it succeeds', async () => {
    await new Promise((resolve) => setTimeout(resolve, 450));
    llm.script(chatCompletionReply('<sql>SELECT COUNT(*) AS n FROM sales</sql>'), chatCompletionReply('Many sales.'));
    const recovered = await ask();
    expect(recovered.status).toBe(200);
    expect(recovered.body.answer).toBe('Many sales.');
    llm.script(chatCompletionReply('<sql>SELECT COUNT(*) AS n FROM sales</sql>'), chatCompletionReply('Still many.'));
    expect((await ask()).status).toBe(200);
  });
});
