import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../src/errors/switchyard-error.js';
import { OpenAiLanguageModel } from '../../../src/llm/openai/openai-language-model.js';
import { closedPort } from '../../connectors/closed-port.js';
import { caught } from '../caught-error.js';

describe('a model server that is down', () => {
  it('tells the client to check OPENAI_BASE_URL and gives the operator the URL tried', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const model = new OpenAiLanguageModel({ baseUrl, modelId: 'qwen2.5-coder-7b' });
    const error = await caught(model.generate({ messages: [{ role: 'user', content: 'How many orders?' }] }));
    expect(SwitchyardError.isInstance(error) && error.code).toBe('SWY_ERR_LLM_FAILED');
    const failure = error as SwitchyardError;
    expect(failure.message).toBe('Could not reach the openai model server. Check that it is running and that OPENAI_BASE_URL points at it; the server log names the URL tried.');
    expect(failure.details).toEqual({ provider: 'openai', reason: 'connection' });
    // The cause is what the error log prints: it names the URL.
    expect((failure.cause as Error).message).toBe(`no answer from ${baseUrl}`);
  });
});
