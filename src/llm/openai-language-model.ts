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

/** Distinct (temperature, token limit, streaming) clients kept at once. */
const maxCachedChatModels = 32;

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
  /**
   * Clients by temperature, token limit and streaming. Building one per call constructed a fresh
   * OpenAI SDK client (options, headers, fetch wiring) every time: about a third of a call's cost
   * against a zero-latency server. Callers use a handful of settings, so the map stays tiny.
   */
  readonly #chatModels = new Map<string, ChatOpenAICompletions>();

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

  /** Temperature and token limit are constructor fields in LangChain, so each combination gets its own (reused) wrapper. */
  #chatModel(options: GenerateOptions, streaming: boolean): ChatOpenAICompletions {
    const temperature = options.temperature ?? this.#defaultTemperature;
    const maxTokens = options.maxOutputTokens ?? this.#defaultMaxOutputTokens;
    const key = `${temperature}|${maxTokens}|${streaming}`;
    let chatModel = this.#chatModels.get(key);
    if (chatModel === undefined) {
      // Bounded: a caller cycling through many settings must not grow the map without end.
      if (this.#chatModels.size >= maxCachedChatModels) this.#chatModels.clear();
      chatModel = new ChatOpenAICompletions({
        model: this.modelId,
        apiKey: this.#apiKey,
        configuration: { baseURL: this.#baseUrl },
        temperature,
        maxTokens,
        // `stream_options.include_usage` makes the server send usage in a last chunk.
        streamUsage: streaming,
        // RetryingLanguageModel owns retries.
        maxRetries: 0,
      });
      this.#chatModels.set(key, chatModel);
    }
    return chatModel;
  }
}
