import { BedrockLanguageModel } from './bedrock/bedrock-language-model.js';
import type { LanguageModel } from './language-model.js';
import type { LlmSettings } from './llm-settings.js';
import { OpenAiLanguageModel } from './openai/openai-language-model.js';
import { RetryingLanguageModel, type RetryPolicy } from './retrying-language-model.js';
import { SagemakerLanguageModel } from './sagemaker/sagemaker-language-model.js';
import { createTokenCounter, type TokenCounter } from './tokens/token-counter.js';

/** A ready model, or the environment variables an operator must set first (the service answers 503 naming them). */
export type LanguageModelCreation =
  | {
      /** The configured model, already wrapped with timeout and retries. */
      readonly model: LanguageModel;
      /** The tokenizer matching the model, for counting prompt tokens before a call. */
      readonly tokenCounter: TokenCounter;
    }
  | {
      /** Names of the unset environment variables. */
      readonly missing: string[];
    };

/** Overrides for tests: tiny backoffs, and credentials instead of the default AWS chain. */
export interface LanguageModelFactoryOverrides {
  /** Backoff settings for the retrying wrapper. */
  readonly retry?: Pick<RetryPolicy, 'backoffBaseMs' | 'backoffCapMs' | 'random'> | undefined;
  /** Static AWS credentials for SageMaker and Bedrock. */
  readonly awsCredentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

/** Builds the configured LanguageModel, or lists what configuration is missing. */
export function createLanguageModel(
  settings: LlmSettings,
  overrides: LanguageModelFactoryOverrides = {},
): LanguageModelCreation {
  const missing = missingVariables(settings);
  if (missing.length > 0) return { missing };

  const tokenCounter = createTokenCounter(settings.tokenizer);
  const defaults = { defaultMaxOutputTokens: settings.maxOutputTokens, defaultTemperature: settings.temperature };
  let inner: LanguageModel;
  // missingVariables has verified every field read with `as string` below.
  switch (settings.provider) {
    case 'sagemaker':
      inner = new SagemakerLanguageModel({
        endpointName: settings.sagemakerEndpoint as string,
        region: settings.awsRegion as string,
        endpointUrl: settings.sagemakerEndpointUrl,
        credentials: overrides.awsCredentials,
        modelId: settings.model,
        ...defaults,
      });
      break;
    case 'bedrock':
      inner = new BedrockLanguageModel({
        modelId: (settings.bedrockModel ?? settings.model) as string,
        region: settings.awsRegion as string,
        endpointUrl: settings.bedrockEndpointUrl,
        credentials: overrides.awsCredentials,
        tokenCounter,
        ...defaults,
      });
      break;
    default:
      inner = new OpenAiLanguageModel({
        baseUrl: settings.openaiBaseUrl as string,
        modelId: settings.model as string,
        apiKey: settings.openaiApiKey,
        tokenCounter,
        ...defaults,
      });
  }
  const model = new RetryingLanguageModel(inner, {
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    ...overrides.retry,
  });
  return { model, tokenCounter };
}

function missingVariables(settings: LlmSettings): string[] {
  const missing: string[] = [];
  switch (settings.provider) {
    case undefined:
      return ['SWITCHYARD_LLM'];
    case 'sagemaker':
      if (settings.sagemakerEndpoint === undefined) missing.push('SWITCHYARD_SAGEMAKER_ENDPOINT');
      if (settings.awsRegion === undefined) missing.push('AWS_REGION');
      return missing;
    case 'bedrock':
      if (settings.bedrockModel === undefined && settings.model === undefined) missing.push('SWITCHYARD_BEDROCK_MODEL');
      if (settings.awsRegion === undefined) missing.push('AWS_REGION');
      return missing;
    case 'openai':
      if (settings.openaiBaseUrl === undefined) missing.push('OPENAI_BASE_URL');
      if (settings.model === undefined) missing.push('SWITCHYARD_LLM_MODEL');
      return missing;
  }
}
