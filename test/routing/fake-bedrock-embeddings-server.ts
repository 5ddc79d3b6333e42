/**
 * TEST DOUBLE: a fake Amazon Bedrock Runtime serving InvokeModel for Cohere embed models. It speaks
 * the real wire protocol on 127.0.0.1 with an ephemeral port over cleartext HTTP/2 (the Bedrock
 * Runtime client only speaks HTTP/2): `POST /model/{modelId}/invoke` with the Cohere JSON body
 * `{ texts, input_type }`, answering `{ id, embeddings, texts, response_type }` or an AWS JSON error
 * with `x-amzn-ErrorType`. It is not a model: replies are scripted, or computed by a test-supplied
 * `vectorOf` function. It records every request, including the SigV4 headers; it checks no signature.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { awsErrorReply, FakeScriptedServer, type FakeReply } from '../helpers/fake-scripted-server.js';

/** One received InvokeModel request. */
export interface RecordedInvokeRequest {
  /** Model id decoded from the path. */
  readonly modelId: string;
  /** Lower-cased request headers. */
  readonly headers: IncomingHttpHeaders;
  /** Parsed Cohere embed body. */
  readonly body: { texts?: string[]; input_type?: string; truncate?: string };
}

/** A Cohere embed reply for these vectors. */
export function cohereEmbedReply(texts: string[], vectors: number[][]): FakeReply {
  return { status: 200, headers: { 'x-amzn-bedrock-input-token-count': String(texts.length * 4) }, body: { id: 'fake-embed-1', embeddings: vectors, texts, response_type: 'embeddings_floats' } };
}

const invokePath = /^\/model\/([^/]+)\/invoke$/;

/** Fake Bedrock InvokeModel for Cohere embed; see the header comment. */
export class FakeBedrockEmbeddingsServer {
  readonly requests: RecordedInvokeRequest[];
  readonly #server: FakeScriptedServer;
  readonly #pending: FakeReply[];

  private constructor(server: FakeScriptedServer, requests: RecordedInvokeRequest[], pending: FakeReply[]) {
    this.#server = server;
    this.requests = requests;
    this.#pending = pending;
  }

  /** Starts the server; with `vectorOf`, requests nothing was scripted for are answered with computed vectors. */
  static async start(vectorOf?: (text: string) => number[]): Promise<FakeBedrockEmbeddingsServer> {
    const requests: RecordedInvokeRequest[] = [];
    const pending: FakeReply[] = [];
    const server = await FakeScriptedServer.start({
      protocol: 'http2',
      accept: (request) => {
        const match = invokePath.exec(request.path);
        if (request.method !== 'POST' || match === null) return false;
        const body = JSON.parse(request.rawBody) as RecordedInvokeRequest['body'];
        requests.push({ modelId: decodeURIComponent(match[1] ?? ''), headers: request.headers, body });
        const scripted = pending.shift();
        const texts = body.texts ?? [];
        server.script(scripted ?? (vectorOf ? cohereEmbedReply(texts, texts.map(vectorOf)) : awsErrorReply(500, 'InternalServerException', 'FakeBedrockEmbeddingsServer: no reply scripted')));
        return true;
      },
      notFound: (request) => awsErrorReply(404, 'UnknownOperationException', `no route ${request.method} ${request.path}`),
      unscripted: awsErrorReply(500, 'InternalServerException', 'FakeBedrockEmbeddingsServer: no reply scripted'),
    });
    return new FakeBedrockEmbeddingsServer(server, requests, pending);
  }

  /** URL for SWITCHYARD_EMBEDDINGS_ENDPOINT_URL. */
  get endpointUrl(): string {
    return this.#server.origin;
  }

  /** Queues replies for the next requests, in order, ahead of computed ones. */
  script(...replies: FakeReply[]): void {
    this.#pending.push(...replies);
  }

  /** Stops the server. */
  async close(): Promise<void> {
    await this.#server.close();
  }
}
