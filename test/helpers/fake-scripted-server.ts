/**
 * TEST DOUBLE support: the scripted HTTP server the fake LLM servers (OpenAI-compatible, SageMaker,
 * Bedrock) are built on. It listens on 127.0.0.1 with an ephemeral port over HTTP/1.1 or cleartext
 * HTTP/2, records every request, and answers each one from a script: a JSON reply, a streamed reply
 * (chunks written one by one, optionally cut off or stalled mid-stream), or a request left hanging.
 */
import * as http from 'node:http';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

/** A JSON reply. */
export interface FakeJsonReply {
  /** HTTP status. */
  status: number;
  /** JSON body. */
  body: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** A streamed reply: the chunks are written one at a time, as a streaming server sends them. */
export interface FakeStreamReply {
  /** HTTP status. */
  status: number;
  /** Response headers, including the content type of the streaming protocol. */
  headers: Record<string, string>;
  /** Body pieces, written in order with a pause between them. */
  chunks: (string | Uint8Array)[];
  /** Cut the connection after the chunks instead of ending the response cleanly. */
  cutOff?: boolean;
  /** Keep the response open after the chunks, as a model server that stalls mid-reply. */
  stall?: boolean;
}

/** One scripted reply. */
export type FakeReply = FakeJsonReply | FakeStreamReply | { hang: true };

/** A received request before the concrete fake records it. */
export interface IncomingFakeRequest {
  /** HTTP method. */
  method: string;
  /** Raw request path. */
  path: string;
  /** Lower-cased request headers. */
  headers: http.IncomingHttpHeaders;
  /** The body as text. */
  rawBody: string;
}

/** How a concrete fake handles requests. */
export interface FakeServerBehaviour {
  /** `http2` for clients that only speak HTTP/2 (the Bedrock Runtime client). */
  readonly protocol: 'http1' | 'http2';
  /** Records the request and says whether its route exists; unknown routes get `notFound`. */
  readonly accept: (request: IncomingFakeRequest) => boolean;
  /** Reply for a request on an unknown route. */
  readonly notFound: (request: IncomingFakeRequest) => FakeReply;
  /** Reply when the script has run out. */
  readonly unscripted: FakeReply;
  /** Told, once a reply has been sent, how long the server spent on the request (benchmarks subtract it). */
  readonly served?: (elapsedMs: number) => void;
}

type AnyResponse = http.ServerResponse | http2.Http2ServerResponse;

/** The scripted server; concrete fakes wrap it. */
export class FakeScriptedServer {
  readonly #replies: FakeReply[] = [];
  readonly #server: http.Server | http2.Http2Server;
  readonly #sessions = new Set<http2.Http2Session>();

  private constructor(behaviour: FakeServerBehaviour) {
    const onRequest = (request: http.IncomingMessage | http2.Http2ServerRequest, response: AnyResponse): void => {
      const started = performance.now();
      if (behaviour.served !== undefined) {
        const served = behaviour.served;
        response.once('finish', () => served(performance.now() - started));
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const incoming: IncomingFakeRequest = {
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          rawBody: Buffer.concat(chunks).toString('utf8'),
        };
        const reply = behaviour.accept(incoming) ? (this.#replies.shift() ?? behaviour.unscripted) : behaviour.notFound(incoming);
        void send(response, reply);
      });
    };
    if (behaviour.protocol === 'http2') {
      const server = http2.createServer();
      server.on('session', (session) => {
        this.#sessions.add(session);
        session.on('close', () => this.#sessions.delete(session));
      });
      server.on('request', onRequest);
      this.#server = server;
    } else {
      this.#server = http.createServer(onRequest);
    }
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(behaviour: FakeServerBehaviour): Promise<FakeScriptedServer> {
    const fake = new FakeScriptedServer(behaviour);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** `http://127.0.0.1:{port}`. */
  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeReply[]): void {
    this.#replies.push(...replies);
  }

  /** Stops the server, cutting any hanging request. */
  async close(): Promise<void> {
    for (const session of this.#sessions) session.destroy();
    if (this.#server instanceof http.Server) this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

async function send(response: AnyResponse, reply: FakeReply): Promise<void> {
  if ('hang' in reply) return;
  if ('body' in reply) {
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(JSON.stringify(reply.body));
    return;
  }
  response.writeHead(reply.status, reply.headers);
  for (const chunk of reply.chunks) {
    if (response.destroyed) return;
    (response as http.ServerResponse).write(chunk);
    // A pause lets each chunk leave as its own packet or frame, so clients really see a stream.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (reply.stall === true) return;
  if (reply.cutOff === true) {
    if (response instanceof http.ServerResponse) response.socket?.destroy();
    else response.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  response.end();
}

/** Parses a JSON request body, or `{}` when it is empty. */
export function parseJsonBody(rawBody: string): Record<string, unknown> {
  return rawBody.length === 0 ? {} : (JSON.parse(rawBody) as Record<string, unknown>);
}

/** An AWS-style JSON error reply, as SageMaker Runtime and Bedrock Runtime send it. */
export function awsErrorReply(status: number, errorType: string, message: string): FakeJsonReply {
  return { status, headers: { 'x-amzn-errortype': errorType }, body: { message } };
}
