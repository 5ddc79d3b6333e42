import { afterEach, describe, expect, it } from 'vitest';
import { BedrockLanguageModel } from '../../src/llm/bedrock/bedrock-language-model.js';
import type { LanguageModel, LanguageModelStreamPart } from '../../src/llm/language-model.js';
import { collectStream } from '../../src/llm/language-model-stream.js';
import { OpenAiLanguageModel } from '../../src/llm/openai/openai-language-model.js';
import { RetryingLanguageModel } from '../../src/llm/retrying-language-model.js';
import { SagemakerLanguageModel } from '../../src/llm/sagemaker/sagemaker-language-model.js';
import { StopSequenceHoldback } from '../../src/llm/sagemaker/stop-sequence-holdback.js';
import { converseStreamReply, FakeBedrockServer, bedrockErrorReply } from '../helpers/fake-bedrock-server.js';
import { chatCompletionStreamReply, FakeOpenAiServer, openAiErrorReply } from '../helpers/fake-openai-server.js';
import { FakeSagemakerServer, sagemakerErrorReply, tgiStreamReply } from '../helpers/fake-sagemaker-server.js';
import { caught } from './caught-error.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const messages = [
  { role: 'system' as const, content: 'You explain query results.' },
  { role: 'user' as const, content: 'How many events were there in 2008?' },
];

async function drain(parts: AsyncIterable<LanguageModelStreamPart>): Promise<LanguageModelStreamPart[]> {
  const collected: LanguageModelStreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

function deltas(parts: LanguageModelStreamPart[]): string[] {
  return parts.flatMap((part) => (part.type === 'text' ? [part.text] : []));
}


const retryPolicy = { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 };

describe('OpenAI-compatible streaming over chat completions SSE', () => {
  let server: FakeOpenAiServer;
  afterEach(async () => server.close());

  it('sends stream: true with include_usage and yields each delta, then the server usage', async () => {
    server = await FakeOpenAiServer.start();
    server.script(chatCompletionStreamReply(['There were ', '8,798', ' events.'], { prompt_tokens: 61, completion_tokens: 5 }));
    const model = new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'qwen' });
    const parts = await drain(model.stream({ messages, maxOutputTokens: 100 }));

    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_tokens: 100 });
    expect(deltas(parts)).toEqual(['There were ', '8,798', ' events.']);
    expect(parts.at(-1)).toEqual({ type: 'finish', usage: { promptTokens: 61, completionTokens: 5 }, finishReason: 'stop' });
  });

  it('counts usage locally when the stream reports none', async () => {
    server = await FakeOpenAiServer.start();
    server.script(chatCompletionStreamReply(['a b c'], null));
    const model = new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'qwen' });
    const usage = (await drain(model.stream({ messages }))).at(-1);
    expect(usage?.type).toBe('finish');
    expect(usage?.type === 'finish' && usage.usage.completionTokens).toBeGreaterThan(0);
  });

  it('retries a 503 that comes before the first token', async () => {
    server = await FakeOpenAiServer.start();
    server.script(openAiErrorReply(503, 'loading'), chatCompletionStreamReply(['42']));
    const retrying = new RetryingLanguageModel(new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'qwen' }), retryPolicy);
    const result = await collectStream(retrying.stream({ messages }), { provider: 'openai' });
    expect(result.text).toBe('42');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry once tokens have been sent, and reports the failure', async () => {
    server = await FakeOpenAiServer.start();
    server.script(chatCompletionStreamReply(['partial ', 'answer'], null, { cutOff: true }), chatCompletionStreamReply(['never']));
    const retrying = new RetryingLanguageModel(new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'qwen' }), retryPolicy);
    const seen: string[] = [];
    const error = await caught(collectStream(retrying.stream({ messages }), { provider: 'openai', onText: (text) => seen.push(text) }));
    expect(seen.join('')).toContain('partial');
    expect(error.details).toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('SageMaker streaming over InvokeEndpointWithResponseStream (TGI)', () => {
  let server: FakeSagemakerServer;
  afterEach(async () => server.close());

  function sagemakerModel(): SagemakerLanguageModel {
    return new SagemakerLanguageModel({ endpointName: 'mixtral-tgi', region: 'eu-west-1', endpointUrl: server.endpointUrl, credentials });
  }

  it('posts stream: true to invocations-response-stream and reassembles tokens split across PayloadPart frames', async () => {
    server = await FakeSagemakerServer.start();
    server.script(tgiStreamReply([' There', ' were', ' 8,798', ' events', ' in', ' 2008.'], { frameBytes: 13, generatedTokens: 6 }));
    const parts = await drain(sagemakerModel().stream({ messages, maxOutputTokens: 200 }));

    const request = server.requests[0]!;
    expect(request.streaming).toBe(true);
    expect(request.path).toBe('/endpoints/mixtral-tgi/invocations-response-stream');
    expect(request.body).toMatchObject({ stream: true, parameters: { max_new_tokens: 200, do_sample: false } });
    expect(String(request.headers.authorization)).toContain('AWS4-HMAC-SHA256');
    expect(deltas(parts).join('')).toBe(' There were 8,798 events in 2008.');
    expect(deltas(parts).length).toBeGreaterThan(1);
    const usage = parts.at(-1);
    expect(usage?.type === 'finish' && usage.usage.completionTokens).toBe(6);
    expect(usage?.type === 'finish' && usage.usage.promptTokens).toBeGreaterThan(0);
  });

  it('drops a stop sequence TGI streams as tokens', async () => {
    server = await FakeSagemakerServer.start();
    server.script(tgiStreamReply(['SELECT', ' 1', '</', 'sql>']));
    const result = await collectStream(sagemakerModel().stream({ messages, stopSequences: ['</sql>'] }), { provider: 'sagemaker' });
    expect(result.text).toBe('SELECT 1');
  });

  it('turns a ModelStreamError frame into SWY_ERR_LLM_FAILED', async () => {
    server = await FakeSagemakerServer.start();
    server.script(tgiStreamReply(['Hello'], { endWith: 'model-stream-error' }));
    const error = await caught(drain(sagemakerModel().stream({ messages })));
    expect(error.code).toBe('SWY_ERR_LLM_FAILED');
    expect(JSON.stringify(error.details)).not.toContain('CUDA');
  });

  it('retries an InternalStreamFailure frame that comes before the first token, but not a ModelStreamError', async () => {
    server = await FakeSagemakerServer.start();
    server.script(tgiStreamReply([], { endWith: 'internal-stream-failure' }), tgiStreamReply(['ok']));
    const retrying = new RetryingLanguageModel(sagemakerModel(), retryPolicy);
    expect((await collectStream(retrying.stream({ messages }), { provider: 'sagemaker' })).text).toBe('ok');
    expect(server.requests).toHaveLength(2);

    server.script(tgiStreamReply([], { endWith: 'model-stream-error' }), tgiStreamReply(['never sent']));
    const error = await caught(collectStream(retrying.stream({ messages }), { provider: 'sagemaker' }));
    expect(error).toMatchObject({ code: 'SWY_ERR_LLM_FAILED', isRetryable: false });
    expect(error.details).toEqual({ provider: 'sagemaker', attempts: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it('turns a TGI error line into SWY_ERR_LLM_FAILED', async () => {
    server = await FakeSagemakerServer.start();
    server.script(tgiStreamReply(['Hello'], { endWith: 'tgi-error-line' }));
    expect((await caught(drain(sagemakerModel().stream({ messages })))).code).toBe('SWY_ERR_LLM_FAILED');
  });

  it('retries a throttled stream before the first token', async () => {
    server = await FakeSagemakerServer.start();
    server.script(sagemakerErrorReply(429, 'ThrottlingException', 'slow down'), tgiStreamReply(['ok']));
    const retrying = new RetryingLanguageModel(sagemakerModel(), retryPolicy);
    expect((await collectStream(retrying.stream({ messages }), { provider: 'sagemaker' })).text).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });
});

describe('Bedrock streaming over ConverseStream', () => {
  let server: FakeBedrockServer;
  afterEach(async () => server.close());

  function bedrockModel(): BedrockLanguageModel {
    return new BedrockLanguageModel({ modelId: 'mistral.mixtral-8x7b-instruct-v0:1', region: 'us-east-1', endpointUrl: server.endpointUrl, credentials });
  }

  it('calls converse-stream over HTTP/2 and yields contentBlockDelta text, then metadata usage', async () => {
    server = await FakeBedrockServer.start();
    server.script(converseStreamReply(['Three ', 'products ', 'led.'], { inputTokens: 77, outputTokens: 3 }));
    const parts = await drain(bedrockModel().stream({ messages, maxOutputTokens: 50 }));

    const request = server.requests[0]!;
    expect(request.streaming).toBe(true);
    expect(request.body).toMatchObject({ inferenceConfig: { maxTokens: 50 }, system: [{ text: 'You explain query results.' }] });
    expect(deltas(parts).join('')).toBe('Three products led.');
    expect(parts.at(-1)).toEqual({ type: 'finish', usage: { promptTokens: 77, completionTokens: 3 }, finishReason: 'stop' });
  });

  it('retries a throttled ConverseStream before the first token', async () => {
    server = await FakeBedrockServer.start();
    server.script(bedrockErrorReply(429, 'ThrottlingException', 'slow down'), converseStreamReply(['ok']));
    const retrying = new RetryingLanguageModel(bedrockModel(), retryPolicy);
    expect((await collectStream(retrying.stream({ messages }), { provider: 'bedrock' })).text).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });
});

describe('streaming through the retrying wrapper with a model that cannot stream', () => {
  it('streams the generate result as one delta', async () => {
    const plain: LanguageModel = {
      provider: 'plain',
      modelId: 'plain',
      generate: async () => ({ text: 'whole answer', usage: { promptTokens: 3, completionTokens: 2 }, finishReason: 'length' }),
    };
    const parts = await drain(new RetryingLanguageModel(plain, retryPolicy).stream({ messages }));
    expect(parts).toEqual([
      { type: 'text', text: 'whole answer' },
      { type: 'finish', usage: { promptTokens: 3, completionTokens: 2 }, finishReason: 'length' },
    ]);
  });
});

describe('StopSequenceHoldback', () => {
  it('holds back only text that may start a stop sequence', () => {
    const holdback = new StopSequenceHoldback(['</sql>']);
    expect(holdback.push('SELECT 1 <')).toBe('SELECT 1 ');
    expect(holdback.push(' 2')).toBe('< 2');
    expect(holdback.push('</s')).toBe('');
    expect(holdback.push('ql>')).toBe('');
    expect(holdback.finish()).toBe('');
  });
});
