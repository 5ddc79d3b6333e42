import { ChatOpenAICompletions } from '@langchain/openai';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../language-model.js';
import { generateWithChatModel, streamWithChatModel, type LangChainCallContext } from '../langchain/langchain-chat-runner.js';
import { createTokenCounter, type TokenCounter } from '../tokens/token-counter.js';
import { chatCompletionsFetch } from './chat-completions-fetch.js';

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
 * key (and would otherwise read OPENAI_API_KEY from the environment), so a visible placeholder is sent
 * instead of a real secret.
 */
const placeholderApiKey = 'switchyard-no-key';

/** Distinct (temperature, token limit) chat models kept at once. */
const maxCachedChatModels = 32;

/** Chat completions' `finish_reason`, which LangChain passes on in `response_metadata`, whole and on the streamed chunk that carries it. */
function chatCompletionsFinishReason(metadata: Record<string, unknown>): unknown {
  return metadata['finish_reason'];
}

/**
 * Talks to `POST {baseUrl}/chat/completions`, whole or as SSE, through LangChain's
 * ChatOpenAICompletions (ChatOpenAI's chat-completions half: ChatOpenAI itself switches some model
 * names to the Responses API, which self-hosted servers do not implement). The OpenAI SDK underneath
 * pools keep-alive connections through fetch.
 */
export class OpenAiLanguageModel implements LanguageModel {
  readonly provider = provider;
  readonly modelId: string;
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #defaultMaxOutputTokens: number;
  readonly #defaultTemperature: number;
  readonly #callContext: LangChainCallContext;
  /**
   * Chat models by temperature and token limit, which LangChain takes only in the constructor. Each
   * builds its OpenAI SDK client on first use, so one per call would build a client per call; callers
   * use a handful of settings, so the map stays tiny.
   */
  readonly #chatModels = new Map<string, ChatOpenAICompletions>();

  constructor(settings: OpenAiLanguageModelSettings) {
    this.modelId = settings.modelId;
    this.#baseUrl = settings.baseUrl;
    this.#apiKey = settings.apiKey ?? placeholderApiKey;
    this.#defaultMaxOutputTokens = settings.defaultMaxOutputTokens ?? 1024;
    this.#defaultTemperature = settings.defaultTemperature ?? 0;
    this.#callContext = {
      provider,
      tokenCounter: settings.tokenCounter ?? createTokenCounter('cl100k'),
      providerFinishReason: chatCompletionsFinishReason,
      endpoint: { url: settings.baseUrl, setting: 'OPENAI_BASE_URL' },
    };
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    return generateWithChatModel(this.#chatModel(options), options, this.#callContext);
  }

  /**
   * Streams over chat completions SSE (`stream: true` with `stream_options.include_usage`): the finish
   * reason comes in the last chunk with a choice, usage in a chunk of its own after it.
   */
  stream(options: GenerateOptions): AsyncIterable<LanguageModelStreamPart> {
    return streamWithChatModel(this.#chatModel(options), options, this.#callContext);
  }

  #chatModel(options: GenerateOptions): ChatOpenAICompletions {
    const temperature = options.temperature ?? this.#defaultTemperature;
    const maxTokens = options.maxOutputTokens ?? this.#defaultMaxOutputTokens;
    const key = `${temperature}|${maxTokens}`;
    let chatModel = this.#chatModels.get(key);
    if (chatModel === undefined) {
      // Bounded: a caller cycling through many settings must not grow the map without end.
      if (this.#chatModels.size >= maxCachedChatModels) this.#chatModels.clear();
      chatModel = new ChatOpenAICompletions({
        model: this.modelId,
        apiKey: this.#apiKey,
        configuration: { baseURL: this.#baseUrl, fetch: chatCompletionsFetch },
        temperature,
        maxTokens,
        // Streamed calls ask for `stream_options.include_usage`, so the server sends usage in a last chunk.
        streamUsage: true,
        // RetryingLanguageModel owns retries; LangChain's and the SDK's would multiply attempts and hide timeouts.
        maxRetries: 0,
      });
      this.#chatModels.set(key, chatModel);
    }
    return chatModel;
  }
}
