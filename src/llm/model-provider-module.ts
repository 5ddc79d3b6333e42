import type { EmbeddingProvider } from './embedding-provider.js';
import type { EmbeddingSettings } from './embedding-settings.js';
import type { LanguageModel } from './language-model.js';
import type { LlmProviderName, LlmSettings } from './llm-settings.js';
import type { ModelServerProbeResult } from './model-server-probe-result.js';
import type { TokenCounter } from './tokens/token-counter.js';

/** Static AWS credentials, used instead of the default provider chain (tests against local emulators). */
export interface StaticAwsCredentials {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The secret access key. */
  readonly secretAccessKey: string;
  /** The session token of temporary credentials. */
  readonly sessionToken?: string;
}

/** What a language model is built with beside the settings. */
export interface LanguageModelContext {
  /** The tokenizer matching the model, for usage the provider does not report. */
  readonly tokenCounter: TokenCounter;
  /** Credentials for AWS providers; omitted means the default AWS provider chain. */
  readonly awsCredentials?: StaticAwsCredentials | undefined;
}

/**
 * One model provider as the rest of the service sees it: its language model, its embedding provider
 * and its token-free server check. Each provider folder exports one of these and
 * `model-provider-registry.ts` lists it; the model factory, the embedding factory and the /ready probe
 * read nothing else, so a new provider is one folder and one registry line.
 */
export interface ModelProviderModule<Name extends LlmProviderName = LlmProviderName> {
  /** The SWITCHYARD_LLM and SWITCHYARD_EMBEDDINGS_PROVIDER value that names the provider. */
  readonly name: Name;
  /** The environment variables its language model needs that `settings` leaves unset; empty when it can be built. */
  missingSettings(settings: LlmSettings): string[];
  /** Builds its language model from settings `missingSettings` found complete; the factory adds timeout and retries. */
  createLanguageModel(settings: LlmSettings, context: LanguageModelContext): LanguageModel;
  /** Checks that the model server answers and knows the model, spending no tokens; never throws. */
  probe(settings: LlmSettings): Promise<ModelServerProbeResult>;
  /** Builds its embedding provider; throws SWY_ERR_CONFIG_INVALID naming the settings it lacks. */
  createEmbeddingProvider(settings: EmbeddingSettings): EmbeddingProvider;
}
