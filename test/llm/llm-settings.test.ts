import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { createLanguageModel } from '../../src/llm/language-model-factory.js';
import { readLlmSettings } from '../../src/llm/llm-settings.js';
import { chatCompletionReply, FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { FakeSagemakerServer, sagemakerErrorReply, tgiReply } from '../helpers/fake-sagemaker-server.js';

/** The LLM settings of a config read from `environment`, as the service reads its own. */
function llmSettingsOf(environment: Record<string, string>) {
  return readLlmSettings(readServiceConfig(environment));
}

function configError(action: () => unknown): SwitchyardError {
  try {
    action();
  } catch (error) {
    if (SwitchyardError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchyardError');
}

describe('readLlmSettings', () => {
  it('applies the documented defaults', () => {
    expect(llmSettingsOf({})).toEqual({
      provider: undefined,
      model: undefined,
      sagemakerEndpoint: undefined,
      sagemakerEndpointUrl: undefined,
      bedrockModel: undefined,
      bedrockEndpointUrl: undefined,
      awsRegion: undefined,
      openaiBaseUrl: undefined,
      openaiApiKey: undefined,
      timeoutMs: 60_000,
      maxRetries: 2,
      maxOutputTokens: 1024,
      outputTokenCeiling: 4096,
      temperature: 0,
      tokenizer: 'cl100k',
    });
  });

  it('reads every variable by its exact name', () => {
    const settings = llmSettingsOf({
      SWITCHYARD_LLM: 'sagemaker',
      SWITCHYARD_LLM_MODEL: 'mixtral-8x7b',
      SWITCHYARD_SAGEMAKER_ENDPOINT: 'mixtral-tgi',
      SWITCHYARD_SAGEMAKER_ENDPOINT_URL: 'https://vpce-1.runtime.sagemaker.eu-west-1.vpce.amazonaws.com',
      SWITCHYARD_BEDROCK_MODEL: 'mistral.mixtral-8x7b-instruct-v0:1',
      SWITCHYARD_BEDROCK_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_REGION: 'eu-west-1',
      OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1',
      OPENAI_API_KEY: 'sk-x',
      SWITCHYARD_LLM_TIMEOUT_MS: '15000',
      SWITCHYARD_LLM_MAX_RETRIES: '0',
      SWITCHYARD_LLM_MAX_OUTPUT_TOKENS: '512',
      SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING: '2048',
      SWITCHYARD_LLM_TEMPERATURE: '0.3',
    });
    expect(settings).toMatchObject({
      provider: 'sagemaker',
      model: 'mixtral-8x7b',
      sagemakerEndpoint: 'mixtral-tgi',
      bedrockModel: 'mistral.mixtral-8x7b-instruct-v0:1',
      bedrockEndpointUrl: 'http://127.0.0.1:9',
      awsRegion: 'eu-west-1',
      openaiApiKey: 'sk-x',
      timeoutMs: 15_000,
      maxRetries: 0,
      maxOutputTokens: 512,
      outputTokenCeiling: 2048,
      temperature: 0.3,
      tokenizer: 'mistral',
    });
  });

  it('lets SWITCHYARD_TOKENIZER override the provider default', () => {
    expect(llmSettingsOf({ SWITCHYARD_LLM: 'sagemaker', SWITCHYARD_TOKENIZER: 'o200k' }).tokenizer).toBe('o200k');
    expect(llmSettingsOf({ SWITCHYARD_LLM: 'openai' }).tokenizer).toBe('cl100k');
  });

  it('treats empty values as unset', () => {
    expect(llmSettingsOf({ SWITCHYARD_LLM: '', SWITCHYARD_LLM_TIMEOUT_MS: ' ' })).toMatchObject({
      provider: undefined,
      timeoutMs: 60_000,
    });
  });

  it.each([
    ['SWITCHYARD_LLM', 'foo'],
    ['SWITCHYARD_LLM_TIMEOUT_MS', 'soon'],
    ['SWITCHYARD_LLM_TIMEOUT_MS', '0'],
    ['SWITCHYARD_LLM_MAX_RETRIES', '1.5'],
    ['SWITCHYARD_LLM_MAX_OUTPUT_TOKENS', '-3'],
    ['SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING', '2.5'],
    ['SWITCHYARD_LLM_TEMPERATURE', 'hot'],
    ['SWITCHYARD_TOKENIZER', 'gpt2'],
    ['OPENAI_BASE_URL', 'localhost:8000'],
    ['SWITCHYARD_SAGEMAKER_ENDPOINT_URL', 'ftp://x'],
  ])('rejects %s=%s with SWY_ERR_CONFIG_INVALID naming the variable', (name, value) => {
    const error = configError(() => llmSettingsOf({ [name]: value }));
    expect(error.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(error.message).toContain(name);
    expect(error.details).toMatchObject({ variable: name });
    expect(JSON.stringify(error.details)).not.toContain(value);
  });

  it.each(['ollama', 'vllm', 'tgi', 'llama.cpp', 'LMStudio'])('tells SWITCHYARD_LLM=%s to use openai with OPENAI_BASE_URL', (server) => {
    const error = configError(() => llmSettingsOf({ SWITCHYARD_LLM: server }));
    expect(error.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(error.message).toContain('use SWITCHYARD_LLM=openai with OPENAI_BASE_URL');
    expect(error.message).toContain(server.toLowerCase());
  });
});

describe('createLanguageModel', () => {
  it.each([
    [{}, ['SWITCHYARD_LLM']],
    [{ SWITCHYARD_LLM: 'sagemaker' }, ['SWITCHYARD_SAGEMAKER_ENDPOINT', 'AWS_REGION']],
    [{ SWITCHYARD_LLM: 'sagemaker', AWS_REGION: 'eu-west-1' }, ['SWITCHYARD_SAGEMAKER_ENDPOINT']],
    [{ SWITCHYARD_LLM: 'bedrock' }, ['SWITCHYARD_BEDROCK_MODEL', 'AWS_REGION']],
    [{ SWITCHYARD_LLM: 'openai' }, ['OPENAI_BASE_URL', 'SWITCHYARD_LLM_MODEL']],
  ])('lists the missing variables for %j', (env, missing) => {
    expect(createLanguageModel(llmSettingsOf(env))).toEqual({ missing });
  });

  it('builds a retrying SageMaker model with the mistral counter that talks to the endpoint URL override', async () => {
    const server = await FakeSagemakerServer.start();
    try {
      const created = createLanguageModel(
        llmSettingsOf({
          SWITCHYARD_LLM: 'sagemaker',
          SWITCHYARD_SAGEMAKER_ENDPOINT: 'mixtral-tgi',
          SWITCHYARD_SAGEMAKER_ENDPOINT_URL: server.endpointUrl,
          AWS_REGION: 'eu-west-1',
          SWITCHYARD_LLM_MAX_OUTPUT_TOKENS: '77',
        }),
        {
          awsCredentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
          retry: { backoffBaseMs: 1, backoffCapMs: 2 },
        },
      );
      if (!('model' in created)) throw new Error(`missing ${created.missing.join(', ')}`);
      expect(created.tokenCounter.name).toBe('mistral');
      expect([created.model.provider, created.model.modelId]).toEqual(['sagemaker', 'mixtral-tgi']);

      server.script(sagemakerErrorReply(429, 'ThrottlingException', 'slow'), tgiReply('SELECT 1'));
      const result = await created.model.generate({ messages: [{ role: 'user', content: 'Q' }] });
      expect(result.text).toBe('SELECT 1');
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1]!.body.parameters).toMatchObject({ max_new_tokens: 77 });
    } finally {
      await server.close();
    }
  });

  it('builds an OpenAI-compatible model with SWITCHYARD_LLM_MODEL and the configured temperature', async () => {
    const server = await FakeOpenAiServer.start();
    try {
      const created = createLanguageModel(
        llmSettingsOf({
          SWITCHYARD_LLM: 'openai',
          SWITCHYARD_LLM_MODEL: 'llama3.1:8b',
          OPENAI_BASE_URL: server.baseUrl,
          SWITCHYARD_LLM_TEMPERATURE: '0.1',
          SWITCHYARD_TOKENIZER: 'o200k',
        }),
      );
      if (!('model' in created)) throw new Error(`missing ${created.missing.join(', ')}`);
      expect(created.tokenCounter.name).toBe('o200k');
      server.script(chatCompletionReply('SELECT 9'));
      expect((await created.model.generate({ messages: [{ role: 'user', content: 'Q' }] })).text).toBe('SELECT 9');
      expect(server.requests[0]!.body).toMatchObject({ model: 'llama3.1:8b', temperature: 0.1, max_tokens: 1024 });
    } finally {
      await server.close();
    }
  });
});
