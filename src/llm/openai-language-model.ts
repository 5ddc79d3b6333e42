import { ChatOpenAICompletions } from '@langchain/openai';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from './language-model.js';
import { generateWithChatModel, streamWithChatModel } from './langchain-chat-runner.js';
import { createTokenCounter, type TokenCounter } from './token-counter.js';

/** How to reach an OpenAI-compatible chat completions server (vLLM, TGI, Ollama, llama.cpp, OpenAI). */
export interface OpenAiLanguageModelSettings {
  /** Base URL including the API prefix, e.g. `http://127.0.0.1:8000/v1`. */
  readonly baseUrl: string;
  /** Model name the server expects in the request body. */
  readonly modelId: string;
  /** Bearer key; local servers need none. */
  readonly apiKey?: string | undefined;
  /** Generation limit when a call sets none. */
  readonly defaultMaxOutputTokens?: number | undefined;
  /** Temperature when a call sets none. */
  readonly defaultTemperature?: number | undefined;
  /** Counts tokens only when the server reports no usage. */
  readonly tokenCounter?: TokenCounter | undefined;
}

const provider = 'openai';

/**
 * Local servers ignore the Authorization header, but the OpenAI client refuses to start without a
 * key, so a visible placeholder is sent instead of a real secret.
 */
const placeholderApiKey = 'switchyard-no-key';

/**
 * Talks to `POST {baseUrl}/chat/completions`. ChatOpenAICompletions (ChatOpenAI's chat-completions
 * half) is used rather than ChatOpenAI, which switches some model names to the Responses API that
 * self-hosted servers do not implement.
 */
export class OpenAiLanguageModel implements LanguageModel {
  readonly provider = provider;
  readonly modelId: string;
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #defaultMaxOutputTokens: number;
  readonly #defaultTemperature: number;
  readonly #tokenCounter: TokenCounter;

  constructor(settings: OpenAiLanguageModelSettings) {
    this.modelId = settings.modelId;
    this.#baseUrl = settings.baseUrl;
    this.#apiKey = settings.apiKey ?? placeholderApiKey;
    this.#defaultMaxOutputTokens = settings.defaultMaxOutputTokens ?? 1024;
    this.#defaultTemperature = settings.defaultTemperature ?? 0;
    this.#tokenCounter = settings.tokenCounter ?? createTokenCounter('cl100k');
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    return generateWithChatModel(this.#chatModel(options, false), options, { provider, tokenCounter: this.#tokenCounter });
  }

  /** Streams over chat completions SSE (`stream: true`), asking for usage in the final chunk. */
  stream(options: GenerateOptions): AsyncIterable<LanguageModelStreamPart> {
    return streamWithChatModel(this.#chatModel(options, true), options, { provider, tokenCounter: this.#tokenCounter });
  }

  /** Temperature and token limit are constructor fields in LangChain, so each call gets its own wrapper. */
  #chatModel(options: GenerateOptions, streaming: boolean): ChatOpenAICompletions {
    return new ChatOpenAICompletions({
      model: this.modelId,
      apiKey: this.#apiKey,
      configuration: { baseURL: this.#baseUrl },
      temperature: options.temperature ?? this.#defaultTemperature,
      maxTokens: options.maxOutputTokens ?? this.#defaultMaxOutputTokens,
      // `stream_options.include_usage` makes the server send usage in a last chunk.
      streamUsage: streaming,
      // RetryingLanguageModel owns retries.
      maxRetries: 0,
    });
  }
}
