/**
 * TEST DOUBLE: a fake SageMaker Runtime endpoint serving Hugging Face TGI, for adapter tests. It
 * speaks the real wire protocol (`POST /endpoints/{name}/invocations`, TGI JSON bodies, AWS JSON
 * errors with `x-amzn-ErrorType`) on 127.0.0.1 with an ephemeral port, records every request
 * (including the SigV4 headers the SDK signs with), and replies from a script. It does not verify
 * signatures or model language.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply: an HTTP status and JSON body, or a request left hanging until the server closes. */
export type FakeSagemakerReply = { status: number; body: unknown; headers?: Record<string, string> } | { hang: true };

/** One received request. */
export interface RecordedSagemakerRequest {
  /** Endpoint name decoded from the path. */
  endpointName: string;
  /** Raw request path. */
  path: string;
  /** Lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body. */
  body: { inputs?: unknown; parameters?: Record<string, unknown> } & Record<string, unknown>;
}

/** A successful TGI reply: `[{ generated_text, details }]`. */
export function tgiReply(text: string, generatedTokens = 5): FakeSagemakerReply {
  return {
    status: 200,
    body: [{ generated_text: text, details: { finish_reason: 'eos_token', generated_tokens: generatedTokens, seed: null } }],
  };
}

/** An AWS-style error reply, as SageMaker Runtime sends it. */
export function sagemakerErrorReply(status: number, errorType: string, message: string): FakeSagemakerReply {
  return { status, headers: { 'x-amzn-errortype': errorType }, body: { message } };
}

const invocationPath = /^\/endpoints\/([^/]+)\/invocations$/;

/** Fake SageMaker Runtime; see the header comment. */
export class FakeSagemakerServer {
  readonly requests: RecordedSagemakerRequest[] = [];
  readonly #replies: FakeSagemakerReply[] = [];
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const match = invocationPath.exec(request.url ?? '');
        if (request.method !== 'POST' || match === null) {
          sendJson(response, 404, { message: `no route ${request.method} ${request.url}` }, {
            'x-amzn-errortype': 'UnknownOperationException',
          });
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        this.requests.push({
          endpointName: decodeURIComponent(match[1] ?? ''),
          path: request.url ?? '',
          headers: request.headers,
          body: JSON.parse(raw) as RecordedSagemakerRequest['body'],
        });
        const reply =
          this.#replies.shift() ?? sagemakerErrorReply(500, 'InternalFailure', 'FakeSagemakerServer: no reply scripted');
        if ('hang' in reply) return;
        sendJson(response, reply.status, reply.body, reply.headers);
      });
    });
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(): Promise<FakeSagemakerServer> {
    const fake = new FakeSagemakerServer();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** URL for SWITCHYARD_SAGEMAKER_ENDPOINT_URL. */
  get endpointUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeSagemakerReply[]): void {
    this.#replies.push(...replies);
  }

  /** Stops the server, cutting any hanging request. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
