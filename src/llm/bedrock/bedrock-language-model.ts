import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { ChatBedrockConverse } from '@langchain/aws';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../language-model.js';
import { generateWithChatModel, streamWithChatModel, type LangChainCallContext } from '../langchain/langchain-chat-runner.js';
import { createTokenCounter, type TokenCounter } from '../tokens/token-counter.js';

/** How to reach a model through Amazon Bedrock's Converse API. */
export interface BedrockLanguageModelSettings {
  /** Bedrock model or inference-profile id, e.g. `mistral.mixtral-8x7b-instruct-v0:1`. */
  readonly modelId: string;
  /** The AWS region. */
  readonly region: string;
  /** Overrides the runtime URL, e.g. a VPC interface endpoint. */
  readonly endpointUrl?: string | undefined;
  /** Static credentials; omitted means the default AWS provider chain. */
  readonly credentials?: BedrockRuntimeClientConfig['credentials'];
  /** Generation limit when a call sets none. */
  readonly defaultMaxOutputTokens?: number | undefined;
  /** Temperature when a call sets none. */
  readonly defaultTemperature?: number | undefined;
  /** Counts tokens only when Bedrock reports no usage. */
  readonly tokenCounter?: TokenCounter | undefined;
}

const provider = 'bedrock';

/**
 * Converse's `stopReason`, which ChatBedrockConverse passes on in `response_metadata` as received: at the
 * top of a whole reply, inside the `messageStop` event of a stream.
 */
function converseStopReason(metadata: Record<string, unknown>): unknown {
  const messageStop = metadata['messageStop'];
  if (typeof messageStop === 'object' && messageStop !== null) return (messageStop as { stopReason?: unknown }).stopReason;
  return metadata['stopReason'];
}

/** Bedrock Converse via LangChain's ChatBedrockConverse, which maps system messages to Converse `system`. */
export class BedrockLanguageModel implements LanguageModel {
  readonly provider = provider;
  readonly modelId: string;
  readonly #region: string;
  readonly #client: BedrockRuntimeClient;
  readonly #defaultMaxOutputTokens: number;
  readonly #defaultTemperature: number;
  readonly #callContext: LangChainCallContext;

  constructor(settings: BedrockLanguageModelSettings) {
    this.modelId = settings.modelId;
    this.#region = settings.region;
    this.#defaultMaxOutputTokens = settings.defaultMaxOutputTokens ?? 1024;
    this.#defaultTemperature = settings.defaultTemperature ?? 0;
    this.#callContext = { provider, tokenCounter: settings.tokenCounter ?? createTokenCounter('cl100k'), providerFinishReason: converseStopReason };
    // Built here rather than by ChatBedrockConverse: its `endpointHost` option forces https, which
    // rules out plain-http endpoint overrides, and it would not set maxAttempts.
    this.#client = new BedrockRuntimeClient({
      region: settings.region,
      ...(settings.endpointUrl === undefined ? {} : { endpoint: settings.endpointUrl }),
      ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
      // RetryingLanguageModel owns retries; SDK retries would multiply attempts and hide timeouts.
      maxAttempts: 1,
    });
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    return generateWithChatModel(this.#chatModel(options), options, this.#callContext);
  }

  /** Streams over ConverseStream (`/model/{id}/converse-stream`, AWS event-stream frames). */
  stream(options: GenerateOptions): AsyncIterable<LanguageModelStreamPart> {
    return streamWithChatModel(this.#chatModel(options), options, this.#callContext);
  }

  /**
   * Temperature and token limit are constructor fields in LangChain, so each call gets a light
   * chat-model wrapper around the one shared SDK client.
   */
  #chatModel(options: GenerateOptions): ChatBedrockConverse {
    return new ChatBedrockConverse({
      model: this.modelId,
      region: this.#region,
      client: this.#client,
      temperature: options.temperature ?? this.#defaultTemperature,
      maxTokens: options.maxOutputTokens ?? this.#defaultMaxOutputTokens,
      streamUsage: true,
      maxRetries: 0,
    });
  }
}
