import type { llmProviderNames } from '../config/environment-schema.js';
import type { ServiceConfig } from '../config/service-config.js';
import type { TokenizerName } from './tokens/token-counter.js';

/** The LLM providers Switchyard can talk to. */
export type LlmProviderName = (typeof llmProviderNames)[number];

/** LLM configuration from the service config; provider-specific fields stay undefined when unset. */
export interface LlmSettings {
  /** SWITCHYARD_LLM; undefined means no LLM is configured. */
  readonly provider: LlmProviderName | undefined;
  /** SWITCHYARD_LLM_MODEL: the model name (openai), or a fallback id (bedrock) / label (sagemaker). */
  readonly model: string | undefined;
  /** SWITCHYARD_SAGEMAKER_ENDPOINT: SageMaker endpoint name. */
  readonly sagemakerEndpoint: string | undefined;
  /** SWITCHYARD_SAGEMAKER_ENDPOINT_URL: runtime URL override (VPC endpoint). */
  readonly sagemakerEndpointUrl: string | undefined;
  /** SWITCHYARD_BEDROCK_MODEL: Bedrock model or inference-profile id. */
  readonly bedrockModel: string | undefined;
  /** SWITCHYARD_BEDROCK_ENDPOINT_URL: runtime URL override (VPC endpoint). */
  readonly bedrockEndpointUrl: string | undefined;
  /** AWS_REGION: region for SageMaker and Bedrock. */
  readonly awsRegion: string | undefined;
  /** OPENAI_BASE_URL: base URL of an OpenAI-compatible server, including `/v1`. */
  readonly openaiBaseUrl: string | undefined;
  /** OPENAI_API_KEY: optional bearer key. */
  readonly openaiApiKey: string | undefined;
  /** SWITCHYARD_LLM_TIMEOUT_MS: per-attempt timeout (default 60000). */
  readonly timeoutMs: number;
  /** SWITCHYARD_LLM_MAX_RETRIES: retries after the first attempt (default 2). */
  readonly maxRetries: number;
  /** SWITCHYARD_LLM_MAX_OUTPUT_TOKENS: default generation limit (default 1024). */
  readonly maxOutputTokens: number;
  /** SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING: largest limit of the one re-ask after SQL cut at the limit (default 4096). */
  readonly outputTokenCeiling: number;
  /** SWITCHYARD_LLM_TEMPERATURE: default temperature (default 0). */
  readonly temperature: number;
  /** SWITCHYARD_TOKENIZER: tokenizer for counting prompt tokens (mistral for sagemaker, cl100k otherwise). */
  readonly tokenizer: TokenizerName;
}

/** The LLM settings of the service config, with the tokenizer defaulting to the provider's own. */
export function readLlmSettings(config: ServiceConfig): LlmSettings {
  // The schema lists the tokenizers itself (config imports nothing above it): this keeps the lists equal.
  const tokenizer: TokenizerName | undefined = config.tokenizer;
  return {
    provider: config.llmProvider,
    model: config.llmModel,
    sagemakerEndpoint: config.sagemakerEndpoint,
    sagemakerEndpointUrl: config.sagemakerEndpointUrl,
    bedrockModel: config.bedrockModel,
    bedrockEndpointUrl: config.bedrockEndpointUrl,
    awsRegion: config.awsRegion,
    openaiBaseUrl: config.openaiBaseUrl,
    openaiApiKey: config.openaiApiKey,
    timeoutMs: config.llmTimeoutMs,
    maxRetries: config.llmMaxRetries,
    maxOutputTokens: config.llmMaxOutputTokens,
    outputTokenCeiling: config.llmOutputTokenCeiling,
    temperature: config.llmTemperature,
    tokenizer: tokenizer ?? (config.llmProvider === 'sagemaker' ? 'mistral' : 'cl100k'),
  };
}
