import { afterEach, describe, expect, it } from 'vitest';
import { BedrockLanguageModel } from '../../src/llm/bedrock/bedrock-language-model.js';
import type { LanguageModel } from '../../src/llm/language-model.js';
import { OpenAiLanguageModel } from '../../src/llm/openai/openai-language-model.js';
import { RetryingLanguageModel } from '../../src/llm/retrying-language-model.js';
import { SagemakerLanguageModel } from '../../src/llm/sagemaker/sagemaker-language-model.js';
import { converseStreamReply, FakeBedrockServer } from '../helpers/fake-bedrock-server.js';
import { chatCompletionStreamReply, FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import type { FakeReply, FakeStreamReply } from '../helpers/fake-scripted-server.js';
import { FakeSagemakerServer, tgiStreamReply } from '../helpers/fake-sagemaker-server.js';
import { caught } from './caught-error.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const messages = [{ role: 'user' as const, content: 'How many events were there in 2008?' }];

/** A provider's emulator and adapter, with a reply that sends its first token and then stalls. */
interface Subject {
  readonly model: LanguageModel;
  readonly script: (reply: FakeReply) => void;
  readonly requestCount: () => number;
  readonly stalledReply: FakeStreamReply;
  readonly close: () => Promise<void>;
}

/** The reply's opening frames (with the first token), then no more and no end. */
function stalled(reply: FakeReply, frames: number): FakeStreamReply {
  if (!('chunks' in reply)) throw new Error('a streamed reply is needed');
  return { ...reply, chunks: reply.chunks.slice(0, frames), stall: true };
}

const subjects: Record<string, () => Promise<Subject>> = {
  openai: async () => {
    const server = await FakeOpenAiServer.start();
    return {
      model: new OpenAiLanguageModel({ baseUrl: server.baseUrl, modelId: 'qwen' }),
      script: (reply) => server.script(reply),
      requestCount: () => server.requests.length,
      stalledReply: stalled(chatCompletionStreamReply(['There were ', '8,798']), 1),
      close: () => server.close(),
    };
  },
  sagemaker: async () => {
    const server = await FakeSagemakerServer.start();
    return {
      model: new SagemakerLanguageModel({ endpointName: 'mixtral-tgi', region: 'eu-west-1', endpointUrl: server.endpointUrl, credentials }),
      script: (reply) => server.script(reply),
      requestCount: () => server.requests.length,
      // The whole first token line fits in the first frame.
      stalledReply: stalled(tgiStreamReply(['There were', ' 8,798'], { frameBytes: 200 }), 1),
      close: () => server.close(),
    };
  },
  bedrock: async () => {
    const server = await FakeBedrockServer.start();
    return {
      model: new BedrockLanguageModel({ modelId: 'mistral.mixtral-8x7b-instruct-v0:1', region: 'us-east-1', endpointUrl: server.endpointUrl, credentials }),
      script: (reply) => server.script(reply),
      requestCount: () => server.requests.length,
      // messageStart, then the first contentBlockDelta.
      stalledReply: stalled(converseStreamReply(['There were ', '8,798']), 2),
      close: () => server.close(),
    };
  },
};

describe.each(Object.keys(subjects))('cancelling a %s call', (name) => {
  let subject: Subject;
  afterEach(async () => subject.close());

  it('ends a whole call the caller cancels with SWY_ERR_QUERY_CANCELLED, without a retry', async () => {
    subject = await subjects[name]!();
    subject.script({ hang: true });
    const controller = new AbortController();
    const retrying = new RetryingLanguageModel(subject.model, { timeoutMs: 10_000, backoffBaseMs: 1, backoffCapMs: 2 });
    const pending = caught(retrying.generate({ messages, signal: controller.signal }));
    while (subject.requestCount() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await pending;
    expect(error.code).toBe('SWY_ERR_QUERY_CANCELLED');
    expect(error.details).toEqual({ provider: name, attempts: 1 });
    expect(subject.requestCount()).toBe(1);
  });

  it('stops a stream the caller cancels after its first token with SWY_ERR_QUERY_CANCELLED', async () => {
    subject = await subjects[name]!();
    subject.script(subject.stalledReply);
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await caught(
      (async () => {
        for await (const part of new RetryingLanguageModel(subject.model, { timeoutMs: 10_000 }).stream({ messages, signal: controller.signal })) {
          if (part.type === 'text') {
            seen.push(part.text);
            controller.abort();
          }
        }
      })(),
    );
    expect(seen.join('')).toContain('There were');
    expect(error.code).toBe('SWY_ERR_QUERY_CANCELLED');
    expect(subject.requestCount()).toBe(1);
  });

  it('ends a stream that stalls after its first token with SWY_ERR_LLM_TIMEOUT, without a retry', async () => {
    subject = await subjects[name]!();
    subject.script(subject.stalledReply);
    const seen: string[] = [];
    const retrying = new RetryingLanguageModel(subject.model, { timeoutMs: 300, backoffBaseMs: 1, backoffCapMs: 2 });
    const error = await caught(
      (async () => {
        for await (const part of retrying.stream({ messages })) if (part.type === 'text') seen.push(part.text);
      })(),
    );
    expect(seen.join('')).toContain('There were');
    expect(error.code).toBe('SWY_ERR_LLM_TIMEOUT');
    expect(error.details).toEqual({ provider: name, attempts: 1 });
    expect(subject.requestCount()).toBe(1);
  });
});
