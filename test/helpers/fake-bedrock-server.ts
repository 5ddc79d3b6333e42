/**
 * TEST DOUBLE: a fake Amazon Bedrock Runtime serving the Converse API, for adapter tests. It speaks
 * the real wire protocol on 127.0.0.1 with an ephemeral port: `POST /model/{modelId}/converse`
 * (Converse JSON), `POST /model/{modelId}/converse-stream` (AWS event-stream frames: messageStart,
 * contentBlockDelta, contentBlockStop, messageStop, metadata) and AWS JSON errors with
 * `x-amzn-ErrorType`. It records every request (including SigV4 headers) and replies from a script.
 * It does not verify signatures or model language.
 *
 * It runs on node:http2 (cleartext, prior knowledge) rather than node:http because the Bedrock
 * Runtime client sends every call over HTTP/2, as the real service expects.
 */
import type { IncomingHttpHeaders } from 'node:http2';
import { encodeEvent } from './aws-event-stream-encoder.js';
import { awsErrorReply, FakeScriptedServer, type FakeReply } from './fake-scripted-server.js';

/** One scripted reply: JSON, an event stream, or a request left hanging until the server closes. */
export type FakeBedrockReply = FakeReply;

/** One received request. */
export interface RecordedBedrockRequest {
  /** Model id decoded from the path. */
  modelId: string;
  /** Raw request path. */
  path: string;
  /** Whether the request used ConverseStream. */
  streaming: boolean;
  /** Lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /** Parsed Converse request body. */
  body: Record<string, unknown>;
}

/** A successful Converse reply; `stopReason` as Converse sends it (`end_turn`, `max_tokens`, `content_filtered`, …). */
export function converseReply(text: string, usage = { inputTokens: 30, outputTokens: 4 }, stopReason = 'end_turn'): FakeBedrockReply {
  return {
    status: 200,
    body: {
      output: { message: { role: 'assistant', content: [{ text }] } },
      stopReason,
      usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
      metrics: { latencyMs: 12 },
    },
  };
}

/** A successful ConverseStream reply: one contentBlockDelta event per delta, then stop (with `stopReason`) and metadata events. */
export function converseStreamReply(
  deltas: string[],
  usage = { inputTokens: 30, outputTokens: 4 },
  options: { cutOff?: boolean; stopReason?: string } = {},
): FakeBedrockReply {
  const event = (type: string, body: unknown) => encodeEvent(type, JSON.stringify(body));
  const deltaEvents = deltas.map((text) => event('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }));
  const headers = { 'content-type': 'application/vnd.amazon.eventstream' };
  if (options.cutOff === true) {
    return { status: 200, headers, chunks: [event('messageStart', { role: 'assistant' }), ...deltaEvents], cutOff: true };
  }
  return {
    status: 200,
    headers,
    chunks: [
      event('messageStart', { role: 'assistant' }),
      ...deltaEvents,
      event('contentBlockStop', { contentBlockIndex: 0 }),
      event('messageStop', { stopReason: options.stopReason ?? 'end_turn' }),
      event('metadata', { usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens }, metrics: { latencyMs: 12 } }),
    ],
  };
}

/** An AWS-style error reply, as Bedrock Runtime sends it. */
export function bedrockErrorReply(status: number, errorType: string, message: string): FakeBedrockReply {
  return awsErrorReply(status, errorType, message);
}

const conversePath = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

/** Fake Bedrock Runtime; see the header comment. */
export class FakeBedrockServer {
  readonly requests: RecordedBedrockRequest[];
  readonly #server: FakeScriptedServer;

  private constructor(server: FakeScriptedServer, requests: RecordedBedrockRequest[]) {
    this.#server = server;
    this.requests = requests;
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(): Promise<FakeBedrockServer> {
    const requests: RecordedBedrockRequest[] = [];
    const server = await FakeScriptedServer.start({
      protocol: 'http2',
      accept: (request) => {
        const match = conversePath.exec(request.path);
        if (request.method !== 'POST' || match === null) return false;
        requests.push({
          modelId: decodeURIComponent(match[1] ?? ''),
          path: request.path,
          streaming: match[2] === 'converse-stream',
          headers: request.headers,
          body: JSON.parse(request.rawBody) as Record<string, unknown>,
        });
        return true;
      },
      notFound: (request) => awsErrorReply(404, 'UnknownOperationException', `no route ${request.method} ${request.path}`),
      unscripted: awsErrorReply(500, 'InternalServerException', 'FakeBedrockServer: no reply scripted'),
    });
    return new FakeBedrockServer(server, requests);
  }

  /** URL for SWITCHYARD_BEDROCK_ENDPOINT_URL. */
  get endpointUrl(): string {
    return this.#server.origin;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeBedrockReply[]): void {
    this.#server.script(...replies);
  }

  /** Stops the server, cutting any hanging request. */
  async close(): Promise<void> {
    await this.#server.close();
  }
}
