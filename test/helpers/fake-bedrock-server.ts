/**
 * TEST DOUBLE: a fake Amazon Bedrock Runtime serving the Converse API, for adapter tests. It speaks
 * the real wire protocol (`POST /model/{modelId}/converse`, Converse JSON, AWS JSON errors with
 * `x-amzn-ErrorType`) on 127.0.0.1 with an ephemeral port, records every request (including SigV4
 * headers), and replies from a script. It does not verify signatures or model language.
 *
 * It is built on node:http2 (cleartext, prior knowledge) rather than node:http because the Bedrock
 * Runtime client sends every call over HTTP/2, as the real service expects.
 */
import {
  createServer,
  type Http2Server,
  type Http2ServerResponse,
  type Http2Session,
  type IncomingHttpHeaders,
} from 'node:http2';
import type { AddressInfo } from 'node:net';

/** One scripted reply: an HTTP status and JSON body, or a request left hanging until the server closes. */
export type FakeBedrockReply = { status: number; body: unknown; headers?: Record<string, string> } | { hang: true };

/** One received request. */
export interface RecordedBedrockRequest {
  /** Model id decoded from the path. */
  modelId: string;
  /** Raw request path. */
  path: string;
  /** Lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /** Parsed Converse request body. */
  body: Record<string, unknown>;
}

/** A successful Converse reply. */
export function converseReply(text: string, usage = { inputTokens: 30, outputTokens: 4 }): FakeBedrockReply {
  return {
    status: 200,
    body: {
      output: { message: { role: 'assistant', content: [{ text }] } },
      stopReason: 'end_turn',
      usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
      metrics: { latencyMs: 12 },
    },
  };
}

/** An AWS-style error reply, as Bedrock Runtime sends it. */
export function bedrockErrorReply(status: number, errorType: string, message: string): FakeBedrockReply {
  return { status, headers: { 'x-amzn-errortype': errorType }, body: { message } };
}

const conversePath = /^\/model\/([^/]+)\/converse$/;

/** Fake Bedrock Runtime; see the header comment. */
export class FakeBedrockServer {
  readonly requests: RecordedBedrockRequest[] = [];
  readonly #replies: FakeBedrockReply[] = [];
  readonly #server: Http2Server;
  readonly #sessions = new Set<Http2Session>();

  private constructor() {
    this.#server = createServer();
    this.#server.on('session', (session) => {
      this.#sessions.add(session);
      session.on('close', () => this.#sessions.delete(session));
    });
    this.#server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const match = conversePath.exec(request.url ?? '');
        if (request.method !== 'POST' || match === null) {
          sendJson(response, 404, { message: `no route ${request.method} ${request.url}` }, {
            'x-amzn-errortype': 'UnknownOperationException',
          });
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        this.requests.push({
          modelId: decodeURIComponent(match[1] ?? ''),
          path: request.url ?? '',
          headers: request.headers,
          body: JSON.parse(raw) as Record<string, unknown>,
        });
        const reply =
          this.#replies.shift() ?? bedrockErrorReply(500, 'InternalServerException', 'FakeBedrockServer: no reply scripted');
        if ('hang' in reply) return;
        sendJson(response, reply.status, reply.body, reply.headers);
      });
    });
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(): Promise<FakeBedrockServer> {
    const fake = new FakeBedrockServer();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** URL for SWITCHYARD_BEDROCK_ENDPOINT_URL. */
  get endpointUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeBedrockReply[]): void {
    this.#replies.push(...replies);
  }

  /** Stops the server, cutting any hanging request. */
  async close(): Promise<void> {
    for (const session of this.#sessions) session.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function sendJson(response: Http2ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
