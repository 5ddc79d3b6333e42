/**
 * TEST DOUBLE: a fake OpenAI-compatible chat completions server for adapter and end-to-end tests. It
 * speaks the real wire protocol (`POST /v1/chat/completions`, JSON in and out, OpenAI error bodies,
 * and `stream: true` Server-Sent Events of `chat.completion.chunk` objects ending in `data: [DONE]`)
 * on 127.0.0.1 with an ephemeral port, records every request, and replies from a script. It does not
 * model language: tests script exactly what "the model" answers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { FakeScriptedServer, parseJsonBody, type FakeReply } from './fake-scripted-server.js';

/** One scripted reply: JSON, an SSE stream, or a request left hanging until the server closes. */
export type FakeOpenAiReply = FakeReply;

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

/** A successful chat completion reply in the OpenAI format; `finishReason` is the choice's `finish_reason`. */
export function chatCompletionReply(text: string, usage = { prompt_tokens: 42, completion_tokens: 7 }, finishReason = 'stop'): FakeOpenAiReply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

/**
 * A streamed chat completion: one SSE chunk per delta, a finish chunk with `finish_reason` (default
 * `stop`), a usage chunk (as servers send for `stream_options.include_usage`, omitted when `usage` is
 * null), then `data: [DONE]`. `cutOff` drops the connection after the deltas, before the finish chunk.
 */
export function chatCompletionStreamReply(
  deltas: string[],
  usage: { prompt_tokens: number; completion_tokens: number } | null = { prompt_tokens: 42, completion_tokens: 7 },
  options: { cutOff?: boolean; finishReason?: string } = {},
): FakeOpenAiReply {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'fake-model', choices, ...extra })}\n\n`;
  const deltaChunks = deltas.map((content, index) =>
    chunk([{ index: 0, delta: index === 0 ? { role: 'assistant', content } : { content }, finish_reason: null }]),
  );
  if (options.cutOff === true) {
    return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: deltaChunks, cutOff: true };
  }
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    chunks: [
      ...deltaChunks,
      chunk([{ index: 0, delta: {}, finish_reason: options.finishReason ?? 'stop' }]),
      ...(usage === null ? [] : [chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })]),
      'data: [DONE]\n\n',
    ],
  };
}

/** An error reply in the OpenAI error format. */
export function openAiErrorReply(status: number, message: string): FakeOpenAiReply {
  return { status, body: { error: { message, type: 'invalid_request_error', code: null } } };
}

/** Whether a request is `GET /v1/models`, the listing /ready and start-up probe. */
const isModelListing = (request: { method: string; path: string }) => request.method === 'GET' && request.path === '/v1/models';

/** Fake OpenAI-compatible server; see the header comment. */
export class FakeOpenAiServer {
  readonly requests: RecordedOpenAiRequest[];
  readonly #server: FakeScriptedServer;

  private constructor(server: FakeScriptedServer, requests: RecordedOpenAiRequest[]) {
    this.#server = server;
    this.requests = requests;
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(): Promise<FakeOpenAiServer> {
    const requests: RecordedOpenAiRequest[] = [];
    const server = await FakeScriptedServer.start({
      protocol: 'http1',
      accept: (request) => {
        // The service's token-free probe of the model server is neither scripted nor counted as a call.
        if (isModelListing(request)) return false;
        requests.push({ method: request.method, path: request.path, headers: request.headers, body: parseJsonBody(request.rawBody) });
        return request.method === 'POST' && request.path === '/v1/chat/completions';
      },
      notFound: (request) =>
        isModelListing(request)
          ? { status: 200, body: { object: 'list', data: [] } }
          : { status: 404, body: { error: { message: `no route ${request.method} ${request.path}` } } },
      unscripted: openAiErrorReply(500, 'FakeOpenAiServer: no reply scripted'),
    });
    return new FakeOpenAiServer(server, requests);
  }

  /** Base URL in the form OPENAI_BASE_URL takes, including `/v1`. */
  get baseUrl(): string {
    return `${this.#server.origin}/v1`;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeOpenAiReply[]): void {
    this.#server.script(...replies);
  }

  /** Stops the server, cutting any hanging request. */
  async close(): Promise<void> {
    await this.#server.close();
  }
}
