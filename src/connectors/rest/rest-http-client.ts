import { SwitchyardError } from '../../errors/switchyard-error.js';
import { withoutAddresses } from '../common/source-error-factory.js';

/** One GET request to a REST source. */
export interface RestGetRequest {
  /** Source name, for error messages. */
  readonly sourceName: string;
  /** Absolute URL, already checked to be on the configured server. */
  readonly url: URL;
  /** The request as shown to users (`GET /path?query`), for error messages; never the headers. */
  readonly requestText: string;
  /** Configured headers (authorization); never logged, never in errors. */
  readonly headers: Record<string, string>;
  /** Overall timeout of the request, body included. */
  readonly timeoutMs: number;
  /** Caller's cancellation. */
  readonly signal?: AbortSignal;
  /** Largest body read. */
  readonly maxResponseBytes: number;
}

const errorTextLength = 300;

async function readLimitedBody(response: Response, limit: number, request: RestGetRequest): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new SwitchyardError('SWY_ERR_QUERY_FAILED', `The response to ${request.requestText} is larger than ${limit} bytes; ask for fewer rows or narrower filters`, {
        details: { source: request.sourceName, limitBytes: limit },
      });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The API's own error text (a JSON `message`/`error`/`detail` field, else the body), shortened, for the repair prompt. */
function apiErrorText(body: string): string {
  let text = body.trim();
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const field = ['message', 'error', 'detail', 'title'].map((key) => parsed[key]).find((value) => typeof value === 'string');
    if (typeof field === 'string') text = field;
  } catch {
    // Not JSON: keep the text as it is.
  }
  return text.length > errorTextLength ? `${text.slice(0, errorTextLength)}…` : text;
}

function unavailable(request: RestGetRequest, reason: string, options: { cause?: unknown; isRetryable?: boolean; status?: number } = {}): SwitchyardError {
  return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${request.sourceName}" is unavailable: ${withoutAddresses(reason)}`, {
    details: { source: request.sourceName, ...(options.status === undefined ? {} : { status: options.status }) },
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    ...(options.isRetryable === undefined ? {} : { isRetryable: options.isRetryable }),
  });
}

/**
 * Sends one GET and returns the parsed JSON body. 4xx is the request's fault (SWY_ERR_QUERY_FAILED
 * with the API's message, so the model can repair it), except 401/403 (our credentials) and 429;
 * 5xx, redirects and connection failures make the source unavailable. Redirects are not followed,
 * so the auth header can never reach another host.
 */
export async function getJson(request: RestGetRequest): Promise<unknown> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  try {
    const response = await fetch(request.url, { method: 'GET', redirect: 'manual', headers: { accept: 'application/json', ...request.headers }, signal });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw unavailable(request, `HTTP ${response.status} redirect; configure the final server as baseUrl`, { isRetryable: false, status: response.status });
    }
    const body = await readLimitedBody(response, request.maxResponseBytes, request);
    if (response.status === 401 || response.status === 403) {
      throw unavailable(request, `HTTP ${response.status}: the API refused the configured credentials`, { isRetryable: false, status: response.status });
    }
    if (response.status === 429 || response.status >= 500) {
      throw unavailable(request, `HTTP ${response.status} from ${request.requestText}: ${apiErrorText(body)}`, { status: response.status });
    }
    if (response.status >= 400) {
      throw new SwitchyardError('SWY_ERR_QUERY_FAILED', `HTTP ${response.status} from ${request.requestText}: ${apiErrorText(body)}`, {
        details: { source: request.sourceName, status: response.status },
      });
    }
    try {
      return body.trim() === '' ? [] : (JSON.parse(body) as unknown);
    } catch (error) {
      throw unavailable(request, `the response to ${request.requestText} is not JSON`, { cause: error, isRetryable: false });
    }
  } catch (error) {
    if (SwitchyardError.isInstance(error)) throw error;
    if (request.signal?.aborted) {
      throw new SwitchyardError('SWY_ERR_QUERY_CANCELLED', `The request to source "${request.sourceName}" was cancelled`, { details: { source: request.sourceName }, cause: error });
    }
    if (timeout.aborted) {
      throw new SwitchyardError('SWY_ERR_QUERY_TIMEOUT', `${request.requestText} took longer than ${request.timeoutMs} ms`, {
        details: { source: request.sourceName, timeoutMs: request.timeoutMs },
        cause: error,
      });
    }
    const cause = (error as { cause?: { code?: string } }).cause;
    throw unavailable(request, `${cause?.code ?? (error as Error).message}`, { cause: error });
  }
}
