/**
 * TEST DOUBLE: a fake SageMaker Runtime endpoint serving Hugging Face TGI, for adapter tests. It
 * speaks the real wire protocol on 127.0.0.1 with an ephemeral port: `POST /endpoints/{name}/invocations`
 * with TGI JSON bodies, `POST /endpoints/{name}/invocations-response-stream` answering with AWS
 * event-stream PayloadPart frames that carry TGI's `data:{"token":…}` lines (split at arbitrary byte
 * boundaries, as real endpoints do), and AWS JSON errors with `x-amzn-ErrorType`. It records every
 * request (including the SigV4 headers the SDK signs with) and replies from a script. It does not
 * verify signatures or model language.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { encodeEvent, encodeException } from './aws-event-stream-encoder.js';
import { awsErrorReply, FakeScriptedServer, type FakeReply } from './fake-scripted-server.js';

/** One scripted reply: JSON, an event stream, or a request left hanging until the server closes. */
export type FakeSagemakerReply = FakeReply;

/** One received request. */
export interface RecordedSagemakerRequest {
  /** Endpoint name decoded from the path. */
  endpointName: string;
  /** Raw request path. */
  path: string;
  /** Whether the request used InvokeEndpointWithResponseStream. */
  streaming: boolean;
  /** Lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body. */
  body: { inputs?: unknown; parameters?: Record<string, unknown> } & Record<string, unknown>;
}

/** A successful TGI reply: `[{ generated_text, details }]`; `finishReason` is TGI's (`eos_token`, `length`, `stop_sequence`). */
export function tgiReply(text: string, generatedTokens = 5, finishReason = 'eos_token'): FakeSagemakerReply {
  return {
    status: 200,
    body: [{ generated_text: text, details: { finish_reason: finishReason, generated_tokens: generatedTokens, seed: null } }],
  };
}

/**
 * A streamed TGI reply: one `data:` line per token (the last one carrying `generated_text` and
 * `details` with `finishReason`, default `eos_token`), with the bytes cut into PayloadPart frames of `frameBytes` bytes so lines straddle frames.
 * `endWith` closes the stream with a ModelStreamError or InternalStreamFailure frame, or a TGI error line, instead of finishing.
 */
export function tgiStreamReply(
  tokens: string[],
  options: { frameBytes?: number; generatedTokens?: number; finishReason?: string; endWith?: 'model-stream-error' | 'internal-stream-failure' | 'tgi-error-line' } = {},
): FakeSagemakerReply {
  const lines = tokens.map((text, index) => {
    const last = index === tokens.length - 1 && options.endWith === undefined;
    const event = {
      token: { id: 1000 + index, text, logprob: -0.1, special: false },
      generated_text: last ? tokens.join('') : null,
      details: last ? { finish_reason: options.finishReason ?? 'eos_token', generated_tokens: options.generatedTokens ?? tokens.length, seed: null } : null,
    };
    return `data:${JSON.stringify(event)}\n\n`;
  });
  if (options.endWith === 'tgi-error-line') lines.push(`data:${JSON.stringify({ error: 'Input validation error', error_type: 'validation' })}\n\n`);
  const bytes = Buffer.from(lines.join(''), 'utf8');
  const frameBytes = options.frameBytes ?? 17;
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += frameBytes) {
    chunks.push(encodeEvent('PayloadPart', bytes.subarray(offset, offset + frameBytes), 'application/octet-stream'));
  }
  if (options.endWith === 'model-stream-error') {
    chunks.push(encodeException('ModelStreamError', { Message: 'CUDA out of memory', ErrorCode: 'ModelError' }));
  }
  if (options.endWith === 'internal-stream-failure') {
    chunks.push(encodeException('InternalStreamFailure', { Message: 'The stream processing failed.' }));
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-sagemaker-content-type': 'text/event-stream' },
    chunks,
  };
}

/** An AWS-style error reply, as SageMaker Runtime sends it. */
export function sagemakerErrorReply(status: number, errorType: string, message: string): FakeSagemakerReply {
  return awsErrorReply(status, errorType, message);
}

const invocationPath = /^\/endpoints\/([^/]+)\/(invocations|invocations-response-stream)$/;

/** Fake SageMaker Runtime; see the header comment. */
export class FakeSagemakerServer {
  readonly requests: RecordedSagemakerRequest[];
  readonly #server: FakeScriptedServer;

  private constructor(server: FakeScriptedServer, requests: RecordedSagemakerRequest[]) {
    this.#server = server;
    this.requests = requests;
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  static async start(): Promise<FakeSagemakerServer> {
    const requests: RecordedSagemakerRequest[] = [];
    const server = await FakeScriptedServer.start({
      protocol: 'http1',
      accept: (request) => {
        const match = invocationPath.exec(request.path);
        if (request.method !== 'POST' || match === null) return false;
        requests.push({
          endpointName: decodeURIComponent(match[1] ?? ''),
          path: request.path,
          streaming: match[2] === 'invocations-response-stream',
          headers: request.headers,
          body: JSON.parse(request.rawBody) as RecordedSagemakerRequest['body'],
        });
        return true;
      },
      notFound: (request) => awsErrorReply(404, 'UnknownOperationException', `no route ${request.method} ${request.path}`),
      unscripted: awsErrorReply(500, 'InternalFailure', 'FakeSagemakerServer: no reply scripted'),
    });
    return new FakeSagemakerServer(server, requests);
  }

  /** URL for SWITCHYARD_SAGEMAKER_ENDPOINT_URL. */
  get endpointUrl(): string {
    return this.#server.origin;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: FakeSagemakerReply[]): void {
    this.#server.script(...replies);
  }

  /** Stops the server, cutting any hanging request. */
  async close(): Promise<void> {
    await this.#server.close();
  }
}
