/**
 * TEST DOUBLE: a fake OpenAI-compatible chat completions server for adapter tests. It speaks the
 * real wire protocol (`POST /v1/chat/completions`, JSON in and out, OpenAI error bodies) on
 * 127.0.0.1 with an ephemeral port, records every request, and replies from a script. It does not
 * model language: tests script exactly what "the model" answers.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply: an HTTP status and JSON body, or a request left hanging until the server closes. */
export type FakeOpenAiReply = { status: number; body: unknown; headers?: Record<string, string> } | { hang: true };

/** One received request. */
export interface RecordedOpenAiRequest {
  /** HTTP method. */
  method: string;
  /** Request path. */
  path: string;
  /** Lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body. */
  body: Record<string, unknown>;
}

/** A successful chat completion reply in the OpenAI format. */
export function chatCompletionReply(text: string, usage = { prompt_tokens: 42, completion_tokens: 7 }): FakeOpenAiReply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

/** An error reply in the OpenAI error format. */
export function openAiErrorReply(status: number, message: string): FakeOpenAiReply {
  return { status, body: { error: { message, type: 'invalid_request_error', code: null } } };
}

/** Fake OpenAI-compatible server; see the header comment. */
export class FakeOpenAiServer {
  readonly requests: RecordedOpenAiRequest[] = [];
  readonly #replies: FakeOpenAiReply[] = [];
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: raw.length === 0 ? {} : (JSON.parse(raw) as Record<string, unknown>),
        });
        if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
          sendJson(response, 404, { error: { message: `no route ${request.method} ${request.url}` } });
          return;
        }
        const reply = this.#replies.shift() ?? openAiErrorReply(500, 'FakeOpenAiServer: no reply scripted');
        if ('hang' in reply) return;
        sendJson(response, reply.status, reply.body, reply.headers);
      });
    });
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL in the form OPENAI_BASE_URL takes, including `/v1`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeOpenAiReply[]): void {
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
