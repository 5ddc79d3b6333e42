import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryingLanguageModel } from '../../../src/llm/retrying-language-model.js';
import { SagemakerLanguageModel } from '../../../src/llm/sagemaker/sagemaker-language-model.js';
import { createTokenCounter } from '../../../src/llm/tokens/token-counter.js';
import { FakeSagemakerServer, sagemakerErrorReply, tgiReply } from '../../helpers/fake-sagemaker-server.js';
import { caught } from '../caught-error.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const messages = [
  { role: 'system' as const, content: 'You write PostgreSQL.' },
  { role: 'user' as const, content: 'How many orders are there?' },
];


describe('SagemakerLanguageModel over the SageMaker Runtime wire protocol', () => {
  let server: FakeSagemakerServer;
  let model: SagemakerLanguageModel;

  beforeEach(async () => {
    server = await FakeSagemakerServer.start();
    model = new SagemakerLanguageModel({
      endpointName: 'mixtral-tgi',
      region: 'eu-west-1',
      endpointUrl: server.endpointUrl,
      credentials,
    });
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends a signed TGI request with the Mixtral template and parses the reply', async () => {
    server.script(tgiReply('SELECT count(*) FROM orders', 9));
    const result = await model.generate({ messages, maxOutputTokens: 256, stopSequences: ['</sql>'] });

    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.endpointName).toBe('mixtral-tgi');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sagemaker\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/,
    );
    expect(request.body.inputs).toBe('<s>[INST] You write PostgreSQL.\n\nHow many orders are there? [/INST]');
    expect(request.body.parameters).toEqual({
      max_new_tokens: 256,
      do_sample: false,
      stop: ['</sql>'],
      return_full_text: false,
      details: true,
    });

    expect(result.text).toBe('SELECT count(*) FROM orders');
    const prompt = request.body.inputs as string;
    expect(result.usage).toEqual({ promptTokens: createTokenCounter('mistral').count(prompt), completionTokens: 9 });
    expect(result.usage.promptTokens).toBeGreaterThan(10);
  });

  it('sends temperature with sampling when above zero and uses the default token limit', async () => {
    server.script(tgiReply('SELECT 1'));
    await model.generate({ messages, temperature: 0.4 });
    expect(server.requests[0]!.body.parameters).toEqual({
      max_new_tokens: 1024,
      temperature: 0.4,
      do_sample: true,
      return_full_text: false,
      details: true,
    });
  });

  it('accepts the bare object form, strips a trailing stop sequence and counts completion tokens itself', async () => {
    server.script({ status: 200, body: { generated_text: 'SELECT 1</sql>' } });
    const result = await model.generate({ messages, stopSequences: ['</sql>'] });
    expect(result.text).toBe('SELECT 1');
    expect(result.usage.completionTokens).toBe(createTokenCounter('mistral').count('SELECT 1'));
  });

  it('reports an empty completion as SWY_ERR_LLM_BAD_OUTPUT', async () => {
    server.script(tgiReply('   '));
    const error = await caught(model.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
    expect(error.details).toEqual({ provider: 'sagemaker' });
  });

  it('reports a body without generated_text as SWY_ERR_LLM_BAD_OUTPUT', async () => {
    server.script({ status: 200, body: { error: 'nope' } });
    expect((await caught(model.generate({ messages }))).code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
  });

  it('maps 503 to a retryable failure and 424 (model error) to a permanent one, without upstream text', async () => {
    server.script(
      sagemakerErrorReply(503, 'ServiceUnavailable', 'busy'),
      sagemakerErrorReply(424, 'ModelError', 'Input validation error: How many orders are there?'),
    );
    const unavailable = await caught(model.generate({ messages }));
    expect(unavailable.code).toBe('SWY_ERR_LLM_FAILED');
    expect(unavailable.isRetryable).toBe(true);
    expect(unavailable.details).toEqual({ provider: 'sagemaker', status: 503 });

    const modelError = await caught(model.generate({ messages }));
    expect(modelError.isRetryable).toBe(false);
    expect(modelError.details).toEqual({ provider: 'sagemaker', status: 424 });
    expect(modelError.message).not.toContain('orders');
  });

  it('retries 429 then succeeds through the retrying wrapper', async () => {
    server.script(sagemakerErrorReply(429, 'ThrottlingException', 'Rate exceeded'), tgiReply('SELECT 2'));
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    const result = await retrying.generate({ messages });
    expect(result.text).toBe('SELECT 2');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry 400', async () => {
    server.script(sagemakerErrorReply(400, 'ValidationError', 'bad'), tgiReply('never sent'));
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    const error = await caught(retrying.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_FAILED');
    expect(error.details).toEqual({ provider: 'sagemaker', status: 400, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a hanging endpoint into SWY_ERR_LLM_TIMEOUT', async () => {
    server.script({ hang: true });
    const retrying = new RetryingLanguageModel(model, { timeoutMs: 200, maxRetries: 0 });
    const error = await caught(retrying.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_TIMEOUT');
    expect(error.details).toEqual({ provider: 'sagemaker', attempts: 1 });
  });

  it('maps a refused connection to a retryable failure', async () => {
    await server.close();
    const error = await caught(model.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_FAILED');
    expect(error.isRetryable).toBe(true);
    expect(error.details).toEqual({ provider: 'sagemaker', reason: 'connection' });
    server = await FakeSagemakerServer.start();
  });
});
