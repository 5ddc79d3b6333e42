import { BedrockRuntimeClient, InvokeModelCommand, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { EmbeddingProvider, EmbeddingPurpose } from '../embedding-provider.js';
import { isVectorList } from '../embedding-vector-check.js';

/** How to reach a Cohere embedding model on Amazon Bedrock. */
export interface BedrockCohereEmbeddingSettings {
  /** Bedrock model id. Default is `cohere.embed-multilingual-v3`. */
  readonly modelId?: string;
  /** The AWS region. */
  readonly region: string;
  /** Overrides the runtime URL, e.g. a VPC interface endpoint. */
  readonly endpointUrl?: string | undefined;
  /** Static credentials; omitted means the default AWS provider chain. */
  readonly credentials?: BedrockRuntimeClientConfig['credentials'];
  /** Texts per request; Cohere accepts at most 96. Default is 96. */
  readonly batchSize?: number;
}

/** The part of BedrockRuntimeClient this provider uses, so a test can substitute a recording client. */
export interface BedrockInvokeClient {
  /** Sends one InvokeModel command. */
  send(command: InvokeModelCommand): Promise<{ body?: Uint8Array }>;
}

/** Cohere caps each text; longer catalog documents are cut here rather than rejected. */
const maximumTextCharacters = 2048;
const maximumBatch = 96;

/**
 * Cohere embed (multilingual v3 by default) through Bedrock InvokeModel: `{ texts, input_type }` in,
 * `{ embeddings: number[][] }` out. Cohere embeds questions and documents differently, so the purpose
 * maps to `search_query` / `search_document`.
 */
export class BedrockCohereEmbeddingProvider implements EmbeddingProvider {
  readonly name = 'bedrock-cohere';
  readonly #modelId: string;
  readonly #client: BedrockInvokeClient;
  readonly #batchSize: number;

  constructor(settings: BedrockCohereEmbeddingSettings, client?: BedrockInvokeClient) {
    this.#modelId = settings.modelId ?? 'cohere.embed-multilingual-v3';
    this.#batchSize = Math.min(Math.max(1, settings.batchSize ?? maximumBatch), maximumBatch);
    this.#client =
      client ??
      new BedrockRuntimeClient({
        region: settings.region,
        ...(settings.endpointUrl === undefined ? {} : { endpoint: settings.endpointUrl }),
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
        // Routing falls back to lexical ranking on failure; retrying here would only delay the answer.
        maxAttempts: 1,
      });
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.#batchSize) vectors.push(...(await this.#request(texts.slice(start, start + this.#batchSize), purpose)));
    return vectors;
  }

  async #request(texts: string[], purpose: EmbeddingPurpose): Promise<number[][]> {
    const body = JSON.stringify({
      texts: texts.map((text) => text.slice(0, maximumTextCharacters)),
      input_type: purpose === 'query' ? 'search_query' : 'search_document',
      truncate: 'END',
    });
    let reply: { body?: Uint8Array };
    try {
      reply = await this.#client.send(new InvokeModelCommand({ modelId: this.#modelId, contentType: 'application/json', accept: 'application/json', body }));
    } catch (cause) {
      const name = cause instanceof Error ? cause.name : 'Error';
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', `Bedrock InvokeModel for ${this.#modelId} failed (${name})`, { cause, details: { provider: this.name, error: name } });
    }
    let embeddings: unknown;
    try {
      embeddings = (JSON.parse(new TextDecoder().decode(reply.body ?? new Uint8Array())) as { embeddings?: unknown }).embeddings;
    } catch (cause) {
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', 'The Bedrock embeddings reply is not JSON', { cause, details: { provider: this.name } });
    }
    if (!isVectorList(embeddings, texts.length)) {
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', 'The Bedrock embeddings reply does not hold one vector per text', { details: { provider: this.name } });
    }
    return embeddings;
  }
}

