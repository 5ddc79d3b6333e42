import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../../src/llm/language-model.js';
import { RetryingLanguageModel } from '../../src/llm/retrying-language-model.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { caught } from './caught-error.js';

const messages = [{ role: 'user' as const, content: 'Q' }];
const fastBackoff = { backoffBaseMs: 1, backoffCapMs: 2 };


function llmFailure(isRetryable: boolean, status: number): SwitchyardError {
  return new SwitchyardError('SWY_ERR_LLM_FAILED', 'failed', { details: { provider: 'scripted', status }, isRetryable });
}

/** A model that never answers until its signal aborts, recording each signal it was given. */
class NeverAnsweringModel implements LanguageModel {
  readonly provider = 'never';
  readonly modelId = 'never';
  readonly signals: (AbortSignal | undefined)[] = [];
  generate(options: GenerateOptions): Promise<GenerateResult> {
    this.signals.push(options.signal);
    return new Promise((_resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  }
}

/** A streaming model that sends one delta and then never finishes, recording the signal it was given. */
class StalledStreamModel implements LanguageModel {
  readonly provider = 'stalled';
  readonly modelId = 'stalled';
  signal: AbortSignal | undefined;
  generate(): Promise<GenerateResult> {
    throw new Error('only streams');
  }
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    this.signal = options.signal;
    yield { type: 'text', text: 'SELECT' };
    await new Promise((resolve) => options.signal?.addEventListener('abort', resolve, { once: true }));
  }
}

describe('RetryingLanguageModel', () => {
  it('passes through a success and keeps provider and model id', async () => {
    const inner = new ScriptedLanguageModel(['SELECT 1']);
    const model = new RetryingLanguageModel(inner, { timeoutMs: 1000 });
    expect((await model.generate({ messages })).text).toBe('SELECT 1');
    expect([model.provider, model.modelId]).toEqual(['scripted', 'scripted-double']);
    expect(inner.calls[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('retries retryable errors up to the budget, then keeps the last code and adds attempts', async () => {
    const inner = new ScriptedLanguageModel([llmFailure(true, 502), llmFailure(true, 503), llmFailure(true, 429)]);
    const model = new RetryingLanguageModel(inner, { timeoutMs: 1000, ...fastBackoff });
    const error = await caught(model.generate({ messages }));
    expect(inner.calls).toHaveLength(3);
    expect(error.code).toBe('SWY_ERR_LLM_FAILED');
    expect(error.isRetryable).toBe(true);
    expect(error.details).toEqual({ provider: 'scripted', status: 429, attempts: 3 });
  });

  it('honours a custom retry budget, including zero', async () => {
    const inner = new ScriptedLanguageModel([llmFailure(true, 500), 'unused']);
    const model = new RetryingLanguageModel(inner, { timeoutMs: 1000, maxRetries: 0, ...fastBackoff });
    expect((await caught(model.generate({ messages }))).details).toMatchObject({ attempts: 1 });
    expect(inner.calls).toHaveLength(1);
  });

  it('never retries a non-retryable error', async () => {
    const badOutput = new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', 'empty', { details: { provider: 'scripted' } });
    const inner = new ScriptedLanguageModel([badOutput, 'unused']);
    const model = new RetryingLanguageModel(inner, { timeoutMs: 1000, ...fastBackoff });
    const error = await caught(model.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
    expect(error.details).toEqual({ provider: 'scripted', attempts: 1 });
    expect(inner.calls).toHaveLength(1);
  });

  it('recovers when a retry succeeds', async () => {
    const inner = new ScriptedLanguageModel([llmFailure(true, 503), 'SELECT 2']);
    const model = new RetryingLanguageModel(inner, { timeoutMs: 1000, ...fastBackoff });
    expect((await model.generate({ messages })).text).toBe('SELECT 2');
  });

  it('waits a full-jitter backoff drawn from the random source', async () => {
    const draws: number[] = [];
    const random = (): number => {
      draws.push(draws.length);
      return 0;
    };
    const inner = new ScriptedLanguageModel([llmFailure(true, 503), llmFailure(true, 503), 'SELECT 5']);
    const model = new RetryingLanguageModel(inner, { timeoutMs: 1000, backoffBaseMs: 60_000, random });
    // random() = 0 gives a zero wait even with a one-minute base, so the call completes.
    expect((await model.generate({ messages })).text).toBe('SELECT 5');
    expect(draws).toHaveLength(2);
  });

  it('aborts a slow attempt with SWY_ERR_LLM_TIMEOUT even when the adapter throws a plain error', async () => {
    const inner = new NeverAnsweringModel();
    const model = new RetryingLanguageModel(inner, { timeoutMs: 50, maxRetries: 1, ...fastBackoff });
    const error = await caught(model.generate({ messages }));
    expect(error.code).toBe('SWY_ERR_LLM_TIMEOUT');
    expect(error.details).toEqual({ provider: 'never', attempts: 2 });
    expect(inner.signals.every((signal) => signal?.aborted === true)).toBe(true);
  });

  it('aborts the attempt when the caller stops reading a stream early', async () => {
    const inner = new StalledStreamModel();
    const model = new RetryingLanguageModel(inner, { timeoutMs: 600_000, ...fastBackoff });
    for await (const part of model.stream({ messages })) {
      expect(part).toEqual({ type: 'text', text: 'SELECT' });
      break;
    }
    expect(inner.signal?.aborted).toBe(true);
  });

  it('stops on a caller abort without retrying', async () => {
    const inner = new NeverAnsweringModel();
    const controller = new AbortController();
    const model = new RetryingLanguageModel(inner, { timeoutMs: 10_000, ...fastBackoff });
    const pending = caught(model.generate({ messages, signal: controller.signal }));
    controller.abort();
    const error = await pending;
    expect(error.code).toBe('SWY_ERR_QUERY_CANCELLED');
    expect(inner.signals).toHaveLength(1);
  });
});
