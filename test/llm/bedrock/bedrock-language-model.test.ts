import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BedrockLanguageModel } from '../../../src/llm/bedrock/bedrock-language-model.js';
import { RetryingLanguageModel } from '../../../src/llm/retrying-language-model.js';
import { bedrockErrorReply, converseReply, FakeBedrockServer } from '../../helpers/fake-bedrock-server.js';
import { caught } from '../caught-error.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const modelId = 'mistral.mixtral-8x7b-instruct-v0:1';
const messages = [
  { role: 'system' as const, content: 'You write MariaDB SQL.' },
  { role: 'user' as const, content: 'Top 3 products by revenue?' },
];


describe('BedrockLanguageModel over the Converse wire protocol', () => {
  let server: FakeBedrockServer;
  let model: BedrockLanguageModel;

  beforeEach(async () => {
    server = await FakeBedrockServer.start();
    model = new BedrockLanguageModel({ modelId, region: 'us-east-1', endpointUrl: server.endpointUrl, credentials });
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends a signed Converse request with system, messages and inferenceConfig, and reports usage', async () => {
    server.script(converseReply('SELECT name FROM product LIMIT 3', { inputTokens: 33, outputTokens: 8 }));
    const result = await model.generate({ messages, maxOutputTokens: 200, temperature: 0, stopSequences: ['</sql>'] });

    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.modelId).toBe(modelId);
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/,
    );
    expect(request.body).toMatchObject({
      system: [{ text: 'You write MariaDB SQL.' }],
      messages: [{ role: 'user', content: [{ text: 'Top 3 products by revenue?' }] }],
      inferenceConfig: { maxTokens: 200, temperature: 0, stopSequences: ['</sql>'] },
    });
    expect(result).toEqual({ text: 'SELECT name FROM product LIMIT 3', usage: { promptTokens: 33, completionTokens: 8 }, finishReason: 'stop' });
  });

  it('reports an empty completion as SWY_ERR_LLM_BAD_OUTPUT', async () => {
    server.script(converseReply(''));
    expect((await caught(model.generate({ messages }))).code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
  });

  it('retries a throttled call then succeeds through the retrying wrapper', async () => {
    server.script(bedrockErrorReply(429, 'ThrottlingException', 'Too many requests'), converseReply('SELECT 4'));
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    expect((await retrying.generate({ messages })).text).toBe('SELECT 4');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry 400', async () => {
    server.script(bedrockErrorReply(400, 'ValidationException', 'bad input'), converseReply('never sent'));
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    const error = await caught(retrying.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_FAILED');
    expect(error.details).toEqual({ provider: 'bedrock', status: 400, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a hanging server into SWY_ERR_LLM_TIMEOUT', async () => {
    server.script({ hang: true });
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 200, maxRetries: 0 });
    const error = await caught(retrying.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_TIMEOUT');
    expect(error.details).toEqual({ provider: 'bedrock', attempts: 1 });
  });
});
