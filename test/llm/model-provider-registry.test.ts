import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { readLlmSettings } from '../../src/llm/llm-settings.js';
import { modelProviderModules } from '../../src/llm/model-provider-registry.js';
import { ModelServerProbe } from '../../src/llm/model-server-probe.js';

describe('the model provider registry', () => {
  it('files every provider under the name its module answers to', () => {
    for (const [name, module] of Object.entries(modelProviderModules)) expect(module.name).toBe(name);
    expect(Object.keys(modelProviderModules).sort()).toEqual(['bedrock', 'openai', 'sagemaker']);
  });

  it('lets each provider say which of its settings are missing', () => {
    const missing = (environment: NodeJS.ProcessEnv) => {
      const settings = readLlmSettings(readServiceConfig(environment));
      return settings.provider === undefined ? undefined : modelProviderModules[settings.provider].missingSettings(settings);
    };
    expect(missing({ SWITCHYARD_LLM: 'openai', SWITCHYARD_LLM_MODEL: 'qwen' })).toEqual(['OPENAI_BASE_URL']);
    expect(missing({ SWITCHYARD_LLM: 'bedrock', SWITCHYARD_LLM_MODEL: 'mistral.mixtral-8x7b-instruct-v0:1' })).toEqual(['AWS_REGION']);
    expect(missing({ SWITCHYARD_LLM: 'sagemaker', AWS_REGION: 'eu-west-1' })).toEqual(['SWITCHYARD_SAGEMAKER_ENDPOINT']);
    expect(missing({ SWITCHYARD_LLM: 'sagemaker', AWS_REGION: 'eu-west-1', SWITCHYARD_SAGEMAKER_ENDPOINT: 'mixtral-tgi' })).toEqual([]);
  });
});

describe('ModelServerProbe through the registry', () => {
  const probe = (environment: NodeJS.ProcessEnv, suppliedInCode = false) => new ModelServerProbe(readLlmSettings(readServiceConfig(environment)), suppliedInCode).probe();

  it('reports a provider whose settings are incomplete as not configured, naming what to set', async () => {
    expect(await probe({})).toEqual({ status: 'not-configured' });
    expect(await probe({ SWITCHYARD_LLM: 'openai', SWITCHYARD_LLM_MODEL: 'qwen' })).toEqual({ status: 'not-configured', provider: 'openai', detail: 'set OPENAI_BASE_URL' });
  });

  it('reports SageMaker and Bedrock as not probed, naming the endpoint or model, and a model supplied in code likewise', async () => {
    expect(await probe({ SWITCHYARD_LLM: 'sagemaker', AWS_REGION: 'eu-west-1', SWITCHYARD_SAGEMAKER_ENDPOINT: 'mixtral-tgi' })).toMatchObject({
      status: 'not-probed',
      provider: 'sagemaker',
      model: 'mixtral-tgi',
    });
    expect(await probe({ SWITCHYARD_LLM: 'bedrock', AWS_REGION: 'us-east-1', SWITCHYARD_BEDROCK_MODEL: 'mistral.mixtral-8x7b-instruct-v0:1' })).toMatchObject({
      status: 'not-probed',
      provider: 'bedrock',
      model: 'mistral.mixtral-8x7b-instruct-v0:1',
    });
    expect((await probe({ SWITCHYARD_LLM: 'openai' }, true)).status).toBe('not-probed');
  });
});
