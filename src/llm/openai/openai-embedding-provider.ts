import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { EmbeddingProvider, EmbeddingPurpose } from '../embedding-provider.js';

/** Settings of an OpenAI-compatible `/embeddings` endpoint (OpenAI, vLLM, TEI, Ollama, LiteLLM …). */
export interface OpenAiEmbeddingSettings {
  /** Base URL up to and including the version, e.g. `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  /** Model name sent in the request. */
  readonly model: string;
  /** Bearer key, when the server wants one. */
  readonly apiKey?: string;
  /** Texts per request. Default is 64. */
  readonly batchSize?: number;
  /** Request timeout in milliseconds. Default is 15000. */
  readonly timeoutMs?: number;
}

/** The part of an OpenAI `/embeddings` reply this provider reads. */
interface EmbeddingsReply {
  /** One vector per input; `index` is the input's position, since order is not guaranteed. */
  readonly data?: { index: number; embedding: number[] }[];
}

/** Embeddings from any server speaking the OpenAI `POST /embeddings` protocol. */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly name = 'openai-compatible';
  readonly #settings: OpenAiEmbeddingSettings;

  constructor(settings: OpenAiEmbeddingSettings) {
    this.#settings = settings;
  }

  async embed(texts: string[], _purpose: EmbeddingPurpose): Promise<number[][]> {
    const batchSize = this.#settings.batchSize ?? 64;
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) vectors.push(...(await this.#request(texts.slice(start, start + batchSize))));
    return vectors;
  }

  async #request(input: string[]): Promise<number[][]> {
    const url = `${this.#settings.baseUrl.replace(/\/+$/, '')}/embeddings`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.#settings.apiKey ? { authorization: `Bearer ${this.#settings.apiKey}` } : {}) },
        body: JSON.stringify({ model: this.#settings.model, input }),
        signal: AbortSignal.timeout(this.#settings.timeoutMs ?? 15_000),
      });
    } catch (cause) {
      // Name the server by origin only: a base URL may carry credentials (https://user:key@host).
      const origin = URL.canParse(url) ? new URL(url).origin : 'the configured URL';
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', `The embeddings server at ${origin} did not answer`, { cause, details: { provider: this.name } });
    }
    if (!response.ok) {
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', `The embeddings server answered HTTP ${response.status}`, {
        details: { provider: this.name, status: response.status },
      });
    }
    let reply: EmbeddingsReply;
    try {
      // The body is read under the same timeout as the request, and may not be JSON at all (a proxy's error page).
      reply = (await response.json()) as EmbeddingsReply;
    } catch (cause) {
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', 'The embeddings server sent an unreadable reply', { cause, details: { provider: this.name } });
    }
    const data = reply?.data;
    if (!Array.isArray(data) || data.length !== input.length || !data.every((item) => Array.isArray(item.embedding))) {
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', 'The embeddings reply does not hold one vector per input', { details: { provider: this.name } });
    }
    return [...data].sort((left, right) => left.index - right.index).map((item) => item.embedding);
  }
}
