import { InvokeEndpointCommand, SageMakerRuntimeClient, type SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { EmbeddingProvider, EmbeddingPurpose } from '../embedding-provider.js';
import { isVectorList } from '../embedding-vector-check.js';

/** How to reach an embedding model behind a SageMaker real-time endpoint. */
export interface SagemakerEmbeddingSettings {
  /** SageMaker endpoint name. */
  readonly endpointName: string;
  /** The AWS region. */
  readonly region: string;
  /** Overrides the runtime URL, e.g. a VPC interface endpoint. */
  readonly endpointUrl?: string | undefined;
  /** Static credentials; omitted means the default AWS provider chain. */
  readonly credentials?: SageMakerRuntimeClientConfig['credentials'];
  /**
   * Request body field that carries the texts: `inputs` (Hugging Face TEI and inference toolkit,
   * the default) or `text_inputs` (SageMaker JumpStart embedding models).
   */
  readonly inputField?: string;
  /** Texts per request. Default is 32. */
  readonly batchSize?: number;
}

/** The part of SageMakerRuntimeClient this provider uses, so a test can substitute a recording client. */
export interface SagemakerInvokeClient {
  /** Sends one InvokeEndpoint command. */
  send(command: InvokeEndpointCommand): Promise<{ Body?: Uint8Array }>;
}

/**
 * The vectors of an embeddings reply in the shapes common endpoints answer with: a bare list of
 * vectors (TEI `/embed`, HF inference toolkit), `{ embeddings: [...] }` or `{ embedding: [...] }`
 * (JumpStart). Undefined when the reply has none of these shapes.
 */
export function vectorsOfReply(reply: unknown, count: number): number[][] | undefined {
  const candidates = [reply, (reply as { embeddings?: unknown } | null)?.embeddings, (reply as { embedding?: unknown } | null)?.embedding];
  for (const candidate of candidates) if (isVectorList(candidate, count)) return candidate;
  return undefined;
}

/** Embeddings from a SageMaker endpoint over InvokeEndpoint: `{ <inputField>: texts }` in, one vector per text out. */
export class SagemakerEmbeddingProvider implements EmbeddingProvider {
  readonly name = 'sagemaker';
  readonly #settings: SagemakerEmbeddingSettings;
  readonly #client: SagemakerInvokeClient;

  constructor(settings: SagemakerEmbeddingSettings, client?: SagemakerInvokeClient) {
    this.#settings = settings;
    this.#client =
      client ??
      new SageMakerRuntimeClient({
        region: settings.region,
        ...(settings.endpointUrl === undefined ? {} : { endpoint: settings.endpointUrl }),
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
        // Routing falls back to lexical ranking on failure; retrying here would only delay the answer.
        maxAttempts: 1,
      });
  }

  async embed(texts: string[], _purpose: EmbeddingPurpose): Promise<number[][]> {
    const batchSize = Math.max(1, this.#settings.batchSize ?? 32);
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) vectors.push(...(await this.#request(texts.slice(start, start + batchSize))));
    return vectors;
  }

  async #request(texts: string[]): Promise<number[][]> {
    const endpointName = this.#settings.endpointName;
    let reply: { Body?: Uint8Array };
    try {
      reply = await this.#client.send(
        new InvokeEndpointCommand({
          EndpointName: endpointName,
          ContentType: 'application/json',
          Accept: 'application/json',
          Body: new TextEncoder().encode(JSON.stringify({ [this.#settings.inputField ?? 'inputs']: texts })),
        }),
      );
    } catch (cause) {
      const name = cause instanceof Error ? cause.name : 'Error';
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', `SageMaker endpoint ${endpointName} failed (${name})`, { cause, details: { provider: this.name, error: name } });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(reply.Body ?? new Uint8Array()));
    } catch (cause) {
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', `SageMaker endpoint ${endpointName} did not answer JSON`, { cause, details: { provider: this.name } });
    }
    const vectors = vectorsOfReply(parsed, texts.length);
    if (vectors === undefined) {
      throw new SwitchyardError('SWY_ERR_EMBEDDING_FAILED', `SageMaker endpoint ${endpointName} did not answer one vector per text`, { details: { provider: this.name } });
    }
    return vectors;
  }
}
