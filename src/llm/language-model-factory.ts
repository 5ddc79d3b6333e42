import type { LanguageModel } from './language-model.js';
import type { LlmSettings } from './llm-settings.js';
import type { StaticAwsCredentials } from './model-provider-module.js';
import { modelProviderModules } from './model-provider-registry.js';
import { RetryingLanguageModel, type RetryPolicy } from './retrying-language-model.js';
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
  readonly awsCredentials?: StaticAwsCredentials | undefined;
}

/** Builds the configured provider's LanguageModel with timeout and retries, or lists what configuration is missing. */
export function createLanguageModel(settings: LlmSettings, overrides: LanguageModelFactoryOverrides = {}): LanguageModelCreation {
  if (settings.provider === undefined) return { missing: ['SWITCHYARD_LLM'] };
  const module = modelProviderModules[settings.provider];
  const missing = module.missingSettings(settings);
  if (missing.length > 0) return { missing };

  const tokenCounter = createTokenCounter(settings.tokenizer);
  const inner = module.createLanguageModel(settings, { tokenCounter, awsCredentials: overrides.awsCredentials });
  const model = new RetryingLanguageModel(inner, {
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    ...overrides.retry,
  });
  return { model, tokenCounter };
}
