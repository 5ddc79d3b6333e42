/**
 * TEST DOUBLE: a fake OpenAI-compatible embeddings server (`POST /v1/embeddings`, JSON in and
 * out, OpenAI error bodies) on 127.0.0.1 with an ephemeral port. It is not a model: the test
 * supplies the function that turns each input text into a vector, and every request is recorded.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received request. */
export interface RecordedEmbeddingsRequest {
  /** Request path. */
  readonly path: string;
  /** Lower-cased headers. */
  readonly headers: IncomingHttpHeaders;
  /** Parsed body. */
  readonly body: { model?: string; input?: string[] };
}

/** A running fake server. */
export interface FakeEmbeddingsServer {
  /** Base URL ending in /v1. */
  readonly baseUrl: string;
  /** Requests received so far. */
  readonly requests: RecordedEmbeddingsRequest[];
  /** Makes the next requests fail with this HTTP status (undefined to recover). */
  failWith(status: number | undefined): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts the fake; `vectorOf` decides each input's vector. */
export async function startFakeEmbeddingsServer(vectorOf: (text: string) => number[]): Promise<FakeEmbeddingsServer> {
  const requests: RecordedEmbeddingsRequest[] = [];
  let failure: number | undefined;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedEmbeddingsRequest['body'];
      requests.push({ path: request.url ?? '', headers: request.headers, body });
      response.setHeader('content-type', 'application/json');
      if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
        response.statusCode = 404;
        response.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      if (failure !== undefined) {
        response.statusCode = failure;
        response.end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
        return;
      }
      const input = Array.isArray(body.input) ? body.input : [];
      response.end(
        JSON.stringify({
          object: 'list',
          model: body.model,
          data: input.map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text) })).reverse(),
          usage: { prompt_tokens: input.length, total_tokens: input.length },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failWith: (status) => {
      failure = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
