import { declareSection } from './environment-setting.js';
import { choiceSetting, integerSetting, numberSetting, textSetting, urlSetting } from './setting-kinds.js';

/** The model providers SWITCHYARD_LLM can name. */
export const llmProviderNames = ['sagemaker', 'bedrock', 'openai'] as const;

// Local model servers that speak the OpenAI API: naming one is a common first guess, so the refusal
// says which setting reaches it instead.
const openAiCompatibleServers = new Set(['ollama', 'vllm', 'tgi', 'llama.cpp', 'llamacpp', 'lmstudio', 'lm-studio', 'localai']);

/** The settings of the language model: provider, model, endpoints, limits and tokenizer (a section of the environment schema). */
export const modelSettings = {
  ...declareSection('model', {
    llmProvider: choiceSetting({
      variable: 'SWITCHYARD_LLM', choices: llmProviderNames,
      description: "Model provider; unset starts the service without a model (`/query` answers only the catalog's example questions, from their curated SQL, and 503 naming what to set for any other).",
      hint: (word) =>
        openAiCompatibleServers.has(word) ? `${word} serves the OpenAI API, so use SWITCHYARD_LLM=openai with OPENAI_BASE_URL set to its /v1 address` : undefined,
    }),
    llmModel: textSetting({
      variable: 'SWITCHYARD_LLM_MODEL',
      description: 'Model name (required for `openai`); a fallback id for bedrock and a label for sagemaker.',
    }),
    sagemakerEndpoint: textSetting({ variable: 'SWITCHYARD_SAGEMAKER_ENDPOINT', description: 'SageMaker endpoint name.' }),
    sagemakerEndpointUrl: urlSetting({ variable: 'SWITCHYARD_SAGEMAKER_ENDPOINT_URL', description: 'SageMaker runtime URL override (VPC endpoint).' }),
    bedrockModel: textSetting({
      variable: 'SWITCHYARD_BEDROCK_MODEL',
      description: 'Bedrock model or inference-profile id (`SWITCHYARD_LLM_MODEL` is accepted too).',
    }),
    bedrockEndpointUrl: urlSetting({ variable: 'SWITCHYARD_BEDROCK_ENDPOINT_URL', description: 'Bedrock runtime URL override (VPC endpoint).' }),
    awsRegion: textSetting({ variable: 'AWS_REGION', description: 'Region of SageMaker and Bedrock, for the model and the embeddings.' }),
    openaiBaseUrl: urlSetting({
      variable: 'OPENAI_BASE_URL',
      description: 'Base URL of the OpenAI-compatible server, including `/v1` (required for `openai`).',
    }),
    openaiApiKey: textSetting({
      variable: 'OPENAI_API_KEY', secret: true,
      description: 'Bearer key of the OpenAI-compatible server; local servers need none.',
    }),
    llmTimeoutMs: integerSetting({ variable: 'SWITCHYARD_LLM_TIMEOUT_MS', default: 60_000, description: 'Timeout of one model call.' }),
    llmMaxRetries: integerSetting({
      variable: 'SWITCHYARD_LLM_MAX_RETRIES', default: 2, minimum: 0,
      description: 'Retries of a retryable model failure (429, 5xx, timeout), with jittered exponential backoff.',
    }),
    llmMaxOutputTokens: integerSetting({ variable: 'SWITCHYARD_LLM_MAX_OUTPUT_TOKENS', default: 1024, description: 'Generation cap per call.' }),
    llmOutputTokenCeiling: integerSetting({
      variable: 'SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING', default: 4096,
      description: 'Largest cap of the one re-ask after SQL was cut at the cap (twice the cap, at most this; at or below the cap, no re-ask).',
    }),
    llmTemperature: numberSetting({ variable: 'SWITCHYARD_LLM_TEMPERATURE', default: 0, minimum: 0, maximum: 2, description: 'Sampling temperature.' }),
    tokenizer: choiceSetting({
      variable: 'SWITCHYARD_TOKENIZER', choices: ['mistral', 'cl100k', 'o200k'], defaultText: '`mistral` for sagemaker, else `cl100k`',
      description: "Tokenizer that counts prompt tokens; set it to the model's own behind an OpenAI-compatible server.",
    }),
  })
};
