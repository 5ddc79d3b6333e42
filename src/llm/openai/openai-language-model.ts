import { SwitchyardError } from '../../errors/switchyard-error.js';
import { checkCompletion } from '../completion-check.js';
import { toFinishReason, type FinishReason } from '../finish-reason.js';
import { KeepAliveHttpClient } from '../keep-alive-http-client.js';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelMessage, LanguageModelStreamPart } from '../language-model.js';
import { toLanguageModelError } from '../llm-error-mapper.js';
import { readServerSentEvents } from '../server-sent-events-reader.js';
import { createTokenCounter, type TokenCounter } from '../tokens/token-counter.js';

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

/** The parts of a chat completion (or of one streamed chunk) that are read; shapes unchecked until read. */
interface ChatCompletionBody {
  /** One choice is asked for; `message` when whole, `delta` when streamed. */
  choices?: { message?: { content?: unknown }; delta?: { content?: unknown }; finish_reason?: unknown }[];
  /** Token usage; streamed in a last chunk when `stream_options.include_usage` is set. */
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

const provider = 'openai';

/**
 * Local servers ignore the Authorization header, but some proxies in front of them reject a request
 * without one, so a visible placeholder is sent instead of a real secret.
 */
const placeholderApiKey = 'switchyard-no-key';

/**
 * Speaks `POST {baseUrl}/chat/completions` itself, whole or as SSE, over pooled keep-alive
 * connections. The protocol is small and stable across vLLM, TGI, Ollama, llama.cpp and OpenAI;
 * going through an SDK and a framework wrapper cost two to three milliseconds of CPU per call,
 * which was most of Switchyard's own time per question.
 */
export class OpenAiLanguageModel implements LanguageModel {
  readonly provider = provider;
  readonly modelId: string;
  readonly #client: KeepAliveHttpClient;
  readonly #headers: Record<string, string>;
  readonly #defaultMaxOutputTokens: number;
  readonly #defaultTemperature: number;
  readonly #tokenCounter: TokenCounter;
  readonly #baseUrl: string;

  constructor(settings: OpenAiLanguageModelSettings) {
    this.modelId = settings.modelId;
    this.#client = new KeepAliveHttpClient(settings.baseUrl);
    this.#baseUrl = settings.baseUrl;
    this.#headers = { authorization: `Bearer ${settings.apiKey ?? placeholderApiKey}` };
    this.#defaultMaxOutputTokens = settings.defaultMaxOutputTokens ?? 1024;
    this.#defaultTemperature = settings.defaultTemperature ?? 0;
    this.#tokenCounter = settings.tokenCounter ?? createTokenCounter('cl100k');
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    let body: string;
    try {
      body = await this.#client.postForText({
        path: '/chat/completions',
        body: this.#requestBody(options, false),
        headers: this.#headers,
        signal: options.signal,
      });
    } catch (error) {
      throw this.#toError(error, options);
    }
    const reply = parseReply(body, 'answered with a body that is not JSON');
    const choice = reply.choices?.[0];
    const finishReason = toFinishReason(choice?.finish_reason);
    const text = checkCompletion(typeof choice?.message?.content === 'string' ? choice.message.content : '', finishReason, provider);
    return { text, usage: this.#usage(reply.usage, options.messages, text), finishReason };
  }

  /**
   * Streams over chat completions SSE (`stream: true`), asking for usage in the final chunk. The
   * finish reason comes in the last chunk with a choice; usage in a chunk of its own after it.
   */
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    let text = '';
    let reported: ChatCompletionBody['usage'];
    let finishReason: FinishReason = 'unknown';
    try {
      const response = await this.#client.post({
        path: '/chat/completions',
        body: this.#requestBody(options, true),
        headers: { ...this.#headers, accept: 'text/event-stream' },
        signal: options.signal,
      });
      for await (const data of readServerSentEvents(response)) {
        if (data === '[DONE]') break;
        const chunk = parseReply(data, 'streamed an event that is not JSON');
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason !== undefined && choice.finish_reason !== null) finishReason = toFinishReason(choice.finish_reason);
        const delta = choice?.delta?.content;
        if (typeof delta === 'string' && delta.length > 0) {
          text += delta;
          yield { type: 'text', text: delta };
        }
        if (chunk.usage !== undefined && chunk.usage !== null) reported = chunk.usage;
      }
    } catch (error) {
      throw this.#toError(error, options);
    }
    yield { type: 'finish', usage: this.#usage(reported, options.messages, text), finishReason };
  }

  #requestBody(options: GenerateOptions, streaming: boolean): string {
    const stop = options.stopSequences?.filter((sequence) => sequence.length > 0) ?? [];
    return JSON.stringify({
      model: this.modelId,
      messages: options.messages.map(({ role, content }) => ({ role, content })),
      temperature: options.temperature ?? this.#defaultTemperature,
      max_tokens: options.maxOutputTokens ?? this.#defaultMaxOutputTokens,
      ...(stop.length > 0 ? { stop } : {}),
      ...(streaming ? { stream: true, stream_options: { include_usage: true } } : {}),
    });
  }

  /** Server usage when reported (some servers report none, or zeros); else counted locally. */
  #usage(reported: ChatCompletionBody['usage'], messages: readonly LanguageModelMessage[], text: string) {
    const promptTokens = positive(reported?.prompt_tokens) ?? messages.reduce((total, message) => total + this.#tokenCounter.count(message.content), 0);
    const completionTokens = positive(reported?.completion_tokens) ?? this.#tokenCounter.count(text);
    return { promptTokens, completionTokens };
  }

  #toError(error: unknown, options: GenerateOptions): SwitchyardError {
    return toLanguageModelError(error, { provider, signal: options.signal, endpoint: { url: this.#baseUrl, setting: 'OPENAI_BASE_URL' } });
  }
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function parseReply(text: string, problem: string): ChatCompletionBody {
  try {
    return JSON.parse(text) as ChatCompletionBody;
  } catch (error) {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The ${provider} model ${problem}.`, {
      details: { provider },
      cause: error,
    });
  }
}
