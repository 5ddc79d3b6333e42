import { SwitchyardError } from '../errors/switchyard-error.js';

/** What the mapper needs to know about the failed call. */
export interface LlmErrorContext {
  /** Provider name for details (`sagemaker`, `bedrock`, `openai`). */
  readonly provider: string;
  /** The signal the call ran under; its reason tells a timeout from a caller's cancellation. */
  readonly signal?: AbortSignal | undefined;
  /** Where the call went, when Switchyard chose the address: the URL and the setting holding it. */
  readonly endpoint?: { readonly url: string; readonly setting: string } | undefined;
}

/** Socket-level failures: the request may never have reached the model, so a retry can succeed. */
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  // The Bedrock client speaks HTTP/2; a reset stream or a GOAWAY is the same kind of transient failure.
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL',
]);

/** Error class names SDKs use for transport failures that carry no HTTP status. */
const connectionErrorNames = new Set(['APIConnectionError', 'APIConnectionTimeoutError', 'TimeoutError']);

/**
 * Translates whatever an SDK threw into the one error type. Upstream messages are kept only as the
 * cause (for logs): model servers echo prompt fragments in validation errors, which must not reach
 * clients through `message` or `details`.
 */
export function toLanguageModelError(error: unknown, context: LlmErrorContext): SwitchyardError {
  const own = switchyardErrorIn(error);
  if (own !== undefined) return own;
  const { provider, signal } = context;

  if (signal?.aborted === true) {
    if (isTimeoutReason(signal.reason)) {
      return new SwitchyardError('SWY_ERR_LLM_TIMEOUT', `The ${provider} model did not answer in time.`, {
        details: { provider },
        cause: error,
      });
    }
    return new SwitchyardError('SWY_ERR_QUERY_CANCELLED', `The ${provider} model call was cancelled.`, {
      details: { provider },
      cause: error,
    });
  }

  const status = httpStatusOf(error);
  if (status !== undefined) {
    const isRetryable = status === 429 || status >= 500;
    return new SwitchyardError('SWY_ERR_LLM_FAILED', `The ${provider} model call failed with HTTP ${status}.`, {
      details: { provider, status },
      cause: error,
      isRetryable,
    });
  }

  if (isConnectionError(error)) {
    const { endpoint } = context;
    // Like a database's address, the URL goes to the operator's log (through the cause), while the
    // client is told which setting to check.
    const fix = endpoint === undefined ? '' : ` Check that it is running and that ${endpoint.setting} points at it; the server log names the URL tried.`;
    return new SwitchyardError('SWY_ERR_LLM_FAILED', `Could not reach the ${provider} model server.${fix}`, {
      details: { provider, reason: 'connection' },
      cause: endpoint === undefined ? error : new Error(`no answer from ${endpoint.url}`, { cause: error }),
      isRetryable: true,
    });
  }

  return new SwitchyardError('SWY_ERR_LLM_FAILED', `The ${provider} model call failed.`, {
    details: { provider },
    cause: error,
    isRetryable: false,
  });
}

/** True for the reason `AbortSignal.timeout()` aborts with. */
export function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
}

/** AWS SDKs report `$metadata.httpStatusCode`; the OpenAI SDK `status`; others `statusCode` or `response.status`. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as {
    $metadata?: { httpStatusCode?: unknown };
    status?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
  };
  const values = [candidate.$metadata?.httpStatusCode, candidate.status, candidate.statusCode, candidate.response?.status];
  return values.find((value): value is number => typeof value === 'number' && value >= 400 && value <= 599);
}

/**
 * An error Switchyard raised itself, or one an SDK wrapped around it: an adapter's verdict given from
 * inside an SDK's transport (a fetch hook) comes back as the SDK's own error with Switchyard's as cause.
 */
function switchyardErrorIn(error: unknown): SwitchyardError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if (SwitchyardError.isInstance(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  // Transport errors arrive wrapped (fetch's TypeError, SDK errors) with the socket error as a cause.
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const candidate = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && connectionErrorCodes.has(candidate.code)) return true;
    if (typeof candidate.name === 'string' && connectionErrorNames.has(candidate.name)) return true;
    current = candidate.cause;
  }
  return false;
}
