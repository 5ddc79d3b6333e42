import { SwitchyardError } from '../errors/switchyard-error.js';
import { tokenizerNames, type TokenizerName } from './tokens/token-counter.js';

/** The LLM providers Switchyard can talk to. */
export type LlmProviderName = 'sagemaker' | 'bedrock' | 'openai';

const providerNames: readonly LlmProviderName[] = ['sagemaker', 'bedrock', 'openai'];

// Local model servers that speak the OpenAI API: naming one is a common first guess, so the refusal
// says which setting reaches it instead.
const openAiCompatibleServers = new Set(['ollama', 'vllm', 'tgi', 'llama.cpp', 'llamacpp', 'lmstudio', 'lm-studio', 'localai']);

/** LLM configuration read from the environment; provider-specific fields stay undefined when unset. */
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

/** Reads and validates LLM settings; a malformed value throws SWY_ERR_CONFIG_INVALID naming the variable. */
export function readLlmSettings(env: NodeJS.ProcessEnv): LlmSettings {
  const provider = readProvider(env);
  return {
    provider,
    model: readText(env, 'SWITCHYARD_LLM_MODEL'),
    sagemakerEndpoint: readText(env, 'SWITCHYARD_SAGEMAKER_ENDPOINT'),
    sagemakerEndpointUrl: readUrl(env, 'SWITCHYARD_SAGEMAKER_ENDPOINT_URL'),
    bedrockModel: readText(env, 'SWITCHYARD_BEDROCK_MODEL'),
    bedrockEndpointUrl: readUrl(env, 'SWITCHYARD_BEDROCK_ENDPOINT_URL'),
    awsRegion: readText(env, 'AWS_REGION'),
    openaiBaseUrl: readUrl(env, 'OPENAI_BASE_URL'),
    openaiApiKey: readText(env, 'OPENAI_API_KEY'),
    timeoutMs: readNumber(env, 'SWITCHYARD_LLM_TIMEOUT_MS', { fallback: 60_000, minimum: 1, integer: true }),
    maxRetries: readNumber(env, 'SWITCHYARD_LLM_MAX_RETRIES', { fallback: 2, minimum: 0, integer: true }),
    maxOutputTokens: readNumber(env, 'SWITCHYARD_LLM_MAX_OUTPUT_TOKENS', { fallback: 1024, minimum: 1, integer: true }),
    outputTokenCeiling: readNumber(env, 'SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING', { fallback: 4096, minimum: 1, integer: true }),
    temperature: readNumber(env, 'SWITCHYARD_LLM_TEMPERATURE', { fallback: 0, minimum: 0, maximum: 2, integer: false }),
    tokenizer:
      readChoice(env, 'SWITCHYARD_TOKENIZER', tokenizerNames) ?? (provider === 'sagemaker' ? 'mistral' : 'cl100k'),
  };
}

/** Empty strings count as unset: `FOO=` in an env file means "not configured". */
function readText(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value.length === 0 ? undefined : value;
}

function readChoice<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[]): T | undefined {
  const value = readText(env, name);
  if (value === undefined) return undefined;
  const choice = choices.find((candidate) => candidate === value.toLowerCase());
  if (choice === undefined) throw invalid(name, `must be one of ${choices.join(', ')}`);
  return choice;
}

function readProvider(env: NodeJS.ProcessEnv): LlmProviderName | undefined {
  const value = readText(env, 'SWITCHYARD_LLM')?.toLowerCase();
  if (value !== undefined && openAiCompatibleServers.has(value)) {
    throw invalid(
      'SWITCHYARD_LLM',
      `must be one of ${providerNames.join(', ')}; ${value} serves the OpenAI API, so use SWITCHYARD_LLM=openai with OPENAI_BASE_URL set to its /v1 address`,
    );
  }
  return readChoice(env, 'SWITCHYARD_LLM', providerNames);
}

function readNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  rule: { fallback: number; minimum: number; maximum?: number; integer: boolean },
): number {
  const value = readText(env, name);
  if (value === undefined) return rule.fallback;
  const parsed = Number(value);
  const isValid =
    Number.isFinite(parsed) &&
    (!rule.integer || Number.isInteger(parsed)) &&
    parsed >= rule.minimum &&
    (rule.maximum === undefined || parsed <= rule.maximum);
  if (!isValid) {
    const range = rule.maximum === undefined ? `at least ${rule.minimum}` : `between ${rule.minimum} and ${rule.maximum}`;
    throw invalid(name, `must be ${rule.integer ? 'an integer' : 'a number'} ${range}`);
  }
  return parsed;
}

function readUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = readText(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(name, 'must be an absolute http(s) URL');
  return value;
}

/** Names the variable and the rule, never the value: it might be a key pasted into the wrong variable. */
function invalid(name: string, rule: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Environment variable ${name} ${rule}.`, {
    details: { variable: name, rule },
  });
}
