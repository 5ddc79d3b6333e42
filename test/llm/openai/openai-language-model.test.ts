import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiLanguageModel } from '../../../src/llm/openai/openai-language-model.js';
import { RetryingLanguageModel } from '../../../src/llm/retrying-language-model.js';
import { createTokenCounter } from '../../../src/llm/tokens/token-counter.js';
import { chatCompletionReply, FakeOpenAiServer, openAiErrorReply } from '../../helpers/fake-openai-server.js';
import { caught } from '../caught-error.js';

const messages = [
  { role: 'system' as const, content: 'You write SQLite SQL.' },
  { role: 'user' as const, content: 'List the customers.' },
  { role: 'assistant' as const, content: 'SELECT * FROM customer' },
  { role: 'user' as const, content: 'Only their names.' },
];


describe('OpenAiLanguageModel over the chat completions wire protocol', () => {
  let server: FakeOpenAiServer;
  let model: OpenAiLanguageModel;

  beforeEach(async () => {
    server = await FakeOpenAiServer.start();
    model = new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'qwen2.5-coder-7b' });
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends model, messages, temperature and max_tokens and reports the server usage', async () => {
    server.script(chatCompletionReply('SELECT name FROM customer', { prompt_tokens: 51, completion_tokens: 6 }));
    const result = await model.generate({ messages, maxOutputTokens: 300, temperature: 0, stopSequences: [';'] });

    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.body).toMatchObject({
      model: 'qwen2.5-coder-7b',
      temperature: 0,
      max_tokens: 300,
      stop: [';'],
      messages: [
        { role: 'system', content: 'You write SQLite SQL.' },
        { role: 'user', content: 'List the customers.' },
        { role: 'assistant', content: 'SELECT * FROM customer' },
        { role: 'user', content: 'Only their names.' },
      ],
    });
    expect(request.body.stream).not.toBe(true);
    // Local servers need no key; a placeholder is sent, never the environment's OPENAI_API_KEY.
    expect(request.headers.authorization).toBe('Bearer switchyard-no-key');

    expect(result).toEqual({ text: 'SELECT name FROM customer', usage: { promptTokens: 51, completionTokens: 6 }, finishReason: 'stop' });
  });

  it('sends a configured API key as a bearer token and the default limits', async () => {
    const keyed = new OpenAiLanguageModel({
      baseUrl: server.baseUrl,
      modelId: 'm',
      apiKey: 'sk-test-123',
      defaultMaxOutputTokens: 64,
      defaultTemperature: 0.2,
    });
    server.script(chatCompletionReply('SELECT 1'));
    await keyed.generate({ messages });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test-123');
    expect(server.requests[0]!.body).toMatchObject({ max_tokens: 64, temperature: 0.2 });
  });

  it('counts tokens locally when the server reports no usage', async () => {
    server.script({
      status: 200,
      body: {
        id: 'x',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: 'SELECT 1' }, finish_reason: 'stop' }],
      },
    });
    const result = await model.generate({ messages });
    const counter = createTokenCounter('cl100k');
    expect(result.usage).toEqual({
      promptTokens: messages.reduce((total, message) => total + counter.count(message.content), 0),
      completionTokens: counter.count('SELECT 1'),
    });
  });

  it('reports an empty completion as SWY_ERR_LLM_BAD_OUTPUT', async () => {
    server.script(chatCompletionReply(''));
    expect((await caught(model.generate({ messages }))).code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
  });

  it('retries 429 then succeeds through the retrying wrapper', async () => {
    server.script(openAiErrorReply(429, 'slow down'), chatCompletionReply('SELECT 3'));
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    expect((await retrying.generate({ messages })).text).toBe('SELECT 3');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the retry budget with the last code and the attempt count', async () => {
    server.script(openAiErrorReply(500, 'a'), openAiErrorReply(502, 'b'), openAiErrorReply(503, 'c'));
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    const error = await caught(retrying.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_FAILED');
    expect(error.details).toEqual({ provider: 'openai', status: 503, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry 400', async () => {
    server.script(openAiErrorReply(400, 'context too long'), chatCompletionReply('never sent'));
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    const error = await caught(retrying.generate({ messages }));
    expect(error.isRetryable).toBe(false);
    expect(error.details).toEqual({ provider: 'openai', status: 400, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a hanging server into SWY_ERR_LLM_TIMEOUT, retrying timeouts within the budget', async () => {
    server.script({ hang: true }, { hang: true });
    const retrying = new RetryingLanguageModel(model, {
      timeoutMs: 150,
      maxRetries: 1,
      backoffBaseMs: 1,
      backoffCapMs: 2,
    });
    const error = await caught(retrying.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_TIMEOUT');
    expect(error.details).toEqual({ provider: 'openai', attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('reports a caller cancellation as SWY_ERR_QUERY_CANCELLED without retrying', async () => {
    server.script({ hang: true });
    const controller = new AbortController();
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    const pending = caught(retrying.generate({ messages, signal: controller.signal }));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await pending;
    expect(error.code).toBe('SWY_ERR_QUERY_CANCELLED');
    expect(error.details).toEqual({ provider: 'openai', attempts: 1 });
  });

  it('reports a 200 whose body is not JSON as SWY_ERR_LLM_BAD_OUTPUT', async () => {
    // A proxy in front of the model server answering with its own HTML page.
    server.script({ status: 200, headers: { 'content-type': 'text/html' }, chunks: ['<html><body>Gateway</body></html>'] });
    const error = await caught(model.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
    expect(error.isRetryable).toBe(false);
  });
});

describe('OpenAiLanguageModel connections', () => {
  it('reuses kept-alive connections for consecutive calls', async () => {
    // A bare node:http server: the scripted fake does not expose its sockets.
    let connections = 0;
    const reply = JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'SELECT 1' } }], usage: { prompt_tokens: 3, completion_tokens: 2 } });
    const server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(reply));
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const model = new OpenAiLanguageModel({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, modelId: 'm' });
      for (let call = 0; call < 10; call += 1) expect((await model.generate({ messages })).text).toBe('SELECT 1');
      // fetch's pool may open a second socket for a call that starts while the first is still being
      // released; after that every call reuses one of the two.
      expect(connections).toBeLessThanOrEqual(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
