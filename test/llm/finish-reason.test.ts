import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BedrockLanguageModel } from '../../src/llm/bedrock/bedrock-language-model.js';
import type { FinishReason } from '../../src/llm/finish-reason.js';
import type { GenerateResult, LanguageModel, LanguageModelStreamPart } from '../../src/llm/language-model.js';
import { collectStream } from '../../src/llm/language-model-stream.js';
import { OpenAiLanguageModel } from '../../src/llm/openai/openai-language-model.js';
import { RetryingLanguageModel } from '../../src/llm/retrying-language-model.js';
import { SagemakerLanguageModel } from '../../src/llm/sagemaker/sagemaker-language-model.js';
import { MeteredLanguageModel } from '../../src/pipeline/metered-language-model.js';
import { defaultResilienceSettings } from '../../src/config/resilience-settings.js';
import { ResilientLanguageModel } from '../../src/resilience/resilient-language-model.js';
import { converseReply, converseStreamReply, FakeBedrockServer } from '../helpers/fake-bedrock-server.js';
import { chatCompletionReply, chatCompletionStreamReply, FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { FakeSagemakerServer, tgiReply, tgiStreamReply } from '../helpers/fake-sagemaker-server.js';
import { caught } from './caught-error.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const messages = [{ role: 'user' as const, content: 'Which card is named Ancestor\'s Chosen?' }];
const cutSql = "<sql>SELECT name FROM cards WHERE name = 'Ancest";

async function finishPart(parts: AsyncIterable<LanguageModelStreamPart>): Promise<LanguageModelStreamPart | undefined> {
  let last: LanguageModelStreamPart | undefined;
  for await (const part of parts) last = part;
  return last;
}

async function streamedReason(model: LanguageModel): Promise<FinishReason | undefined> {
  if (model.stream === undefined) throw new Error(`${model.provider} cannot stream`);
  const last = await finishPart(model.stream({ messages }));
  return last?.type === 'finish' ? last.finishReason : undefined;
}

describe('chat completions finish_reason (OpenAI-compatible servers)', () => {
  let server: FakeOpenAiServer;
  let model: OpenAiLanguageModel;
  beforeEach(async () => {
    server = await FakeOpenAiServer.start();
    model = new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'mixtral' });
  });
  afterEach(async () => server.close());

  const cases: [string, FinishReason][] = [
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    // TGI's own chat completions endpoint reports TGI's words.
    ['eos_token', 'stop'],
    ['something_new', 'unknown'],
  ];
  it.each(cases)('reports finish_reason %s as %s, whole and streamed', async (wire, expected) => {
    server.script(chatCompletionReply(cutSql, undefined, wire), chatCompletionStreamReply([cutSql.slice(0, 10), cutSql.slice(10)], undefined, { finishReason: wire }));
    expect((await model.generate({ messages })).finishReason).toBe(expected);
    expect(await streamedReason(model)).toBe(expected);
  });

  it('turns content_filter into SWY_ERR_LLM_CONTENT_FILTERED, whole and streamed', async () => {
    server.script(chatCompletionReply('', undefined, 'content_filter'), chatCompletionStreamReply(['I cannot'], undefined, { finishReason: 'content_filter' }));
    const whole = await caught(model.generate({ messages }));
    expect(whole).toMatchObject({ code: 'SWY_ERR_LLM_CONTENT_FILTERED', isRetryable: false, kind: 'external' });
    expect(whole.details).toMatchObject({ provider: 'openai', finishReason: 'content-filter' });
    expect((await caught(collectStream(model.stream({ messages }), { provider: 'openai' }))).code).toBe('SWY_ERR_LLM_CONTENT_FILTERED');
  });

  it('reports unknown for a stream that ends without a finish chunk', async () => {
    server.script({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      chunks: [`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'SELECT 1' }, finish_reason: null }] })}\n\n`, 'data: [DONE]\n\n'],
    });
    expect(await streamedReason(model)).toBe('unknown');
  });
});

describe('TGI details.finish_reason (SageMaker)', () => {
  let server: FakeSagemakerServer;
  let model: SagemakerLanguageModel;
  beforeEach(async () => {
    server = await FakeSagemakerServer.start();
    model = new SagemakerLanguageModel({ endpointName: 'mixtral-tgi', region: 'eu-west-1', endpointUrl: server.endpointUrl, credentials });
  });
  afterEach(async () => server.close());

  const cases: [string, FinishReason][] = [
    ['eos_token', 'stop'],
    ['stop_sequence', 'stop'],
    ['length', 'length'],
  ];
  it.each(cases)('reports finish_reason %s as %s, whole and on the final streamed token', async (wire, expected) => {
    server.script(tgiReply(cutSql, 12, wire), tgiStreamReply(['<sql>SELECT', ' name', " FROM cards WHERE name = 'Ancest"], { finishReason: wire }));
    expect((await model.generate({ messages })).finishReason).toBe(expected);
    expect(await streamedReason(model)).toBe(expected);
  });
});

describe('Bedrock Converse stopReason', () => {
  let server: FakeBedrockServer;
  let model: BedrockLanguageModel;
  beforeEach(async () => {
    server = await FakeBedrockServer.start();
    model = new BedrockLanguageModel({ modelId: 'mistral.mixtral-8x7b-instruct-v0:1', region: 'us-east-1', endpointUrl: server.endpointUrl, credentials });
  });
  afterEach(async () => server.close());

  const cases: [string, FinishReason][] = [
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool-calls'],
  ];
  it.each(cases)('reports stopReason %s as %s, from Converse and from ConverseStream messageStop', async (wire, expected) => {
    server.script(converseReply(cutSql, undefined, wire), converseStreamReply([cutSql.slice(0, 10), cutSql.slice(10)], undefined, { stopReason: wire }));
    expect((await model.generate({ messages })).finishReason).toBe(expected);
    expect(await streamedReason(model)).toBe(expected);
  });

  it.each(['content_filtered', 'guardrail_intervened'])('turns stopReason %s into SWY_ERR_LLM_CONTENT_FILTERED, whole and streamed', async (wire) => {
    server.script(converseReply('Sorry.', undefined, wire), converseStreamReply(['Sorry.'], undefined, { stopReason: wire }));
    expect((await caught(model.generate({ messages }))).code).toBe('SWY_ERR_LLM_CONTENT_FILTERED');
    expect((await caught(collectStream(model.stream({ messages }), { provider: 'bedrock' }))).code).toBe('SWY_ERR_LLM_CONTENT_FILTERED');
  });
});

describe('wrappers pass the finish reason on', () => {
  let server: FakeOpenAiServer;
  afterEach(async () => server.close());

  it('keeps length through retries, the circuit breaker and the request meter, whole and streamed', async () => {
    server = await FakeOpenAiServer.start();
    server.script(chatCompletionReply(cutSql, undefined, 'length'), chatCompletionStreamReply([cutSql], undefined, { finishReason: 'length' }));
    const adapter = new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'mixtral' });
    const retrying = new RetryingLanguageModel(adapter, { timeoutMs: 10_000 });
    const wrapped = new MeteredLanguageModel(new ResilientLanguageModel(retrying, defaultResilienceSettings));
    const whole: GenerateResult = await wrapped.generate({ messages });
    expect(whole).toMatchObject({ text: cutSql, finishReason: 'length' });
    const streamed = await collectStream(wrapped.stream({ messages }), { provider: 'openai' });
    expect(streamed).toMatchObject({ text: cutSql, finishReason: 'length' });
  });

  it('gives a model that cannot stream its generate reason at the end of the stream', async () => {
    const plain: LanguageModel = {
      provider: 'plain',
      modelId: 'plain',
      generate: async () => ({ text: cutSql, usage: { promptTokens: 3, completionTokens: 2 }, finishReason: 'length' }),
    };
    expect(await streamedReason(new MeteredLanguageModel(plain))).toBe('length');
  });
});
