import * as http from 'node:http';
import * as https from 'node:https';

/** A model server answered with a non-2xx status; `status` is what the error mapper reads. */
export class ModelServerHttpError extends Error {
  override readonly name = 'ModelServerHttpError';
  /** The HTTP status the server answered with. */
  readonly status: number;
  /** The start of the response body; kept for logs only, since servers echo prompt fragments. */
  readonly responseBody: string;

  constructor(status: number, responseBody: string) {
    super(`The model server answered HTTP ${status}.`);
    this.status = status;
    this.responseBody = responseBody;
  }
}

/** One POST: where, what, and the signal that cancels it. */
export interface JsonPostRequest {
  /** Path appended to the client's base URL, e.g. `/chat/completions`. */
  readonly path: string;
  /** The JSON request body, already serialised. */
  readonly body: string;
  /** Extra request headers (authorization, accept). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Aborts the request, including a response body still being read. */
  readonly signal?: AbortSignal | undefined;
}

/** Error bodies are read only this far: enough for a log line, never a whole echoed prompt. */
const maxErrorBodyBytes = 16_384;

/**
 * POSTs JSON to one model server over a keep-alive connection pool (node:http / node:https). A
 * zero-latency server answers in about a millisecond this way, against two to four through
 * fetch and an SDK: the gap is most of what a question costs beside the model and the database.
 */
export class KeepAliveHttpClient {
  readonly #baseUrl: URL;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;

  constructor(baseUrl: string) {
    // A trailing slash keeps the API prefix (`/v1`) when paths are appended.
    this.#baseUrl = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const secure = this.#baseUrl.protocol === 'https:';
    this.#agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.#request = secure ? https.request : http.request;
  }

  /** Sends the request; resolves with the response once a 2xx status arrives, its body unread. */
  post(request: JsonPostRequest): Promise<http.IncomingMessage> {
    const url = new URL(request.path.replace(/^\//, ''), this.#baseUrl);
    return new Promise((resolve, reject) => {
      const outgoing = this.#request(
        url,
        {
          method: 'POST',
          agent: this.#agent,
          signal: request.signal,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(request.body),
            'user-agent': 'switchyard',
            ...request.headers,
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(response);
            return;
          }
          readLimited(response, maxErrorBodyBytes).then(
            (body) => reject(new ModelServerHttpError(status, body)),
            () => reject(new ModelServerHttpError(status, '')),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  /** POSTs and reads the whole response body as text. */
  async postForText(request: JsonPostRequest): Promise<string> {
    return readLimited(await this.post(request), Number.POSITIVE_INFINITY);
  }
}

/** Reads a response body as UTF-8 text, up to `limit` bytes (the rest is drained and dropped). */
async function readLimited(response: http.IncomingMessage, limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (length >= limit) continue;
    parts.push(chunk);
    length += chunk.length;
  }
  const body = Buffer.concat(parts);
  return (length > limit ? body.subarray(0, limit) : body).toString('utf8');
}
