import { SwitchyardError } from '../errors/switchyard-error.js';
import { StatementInterrupted } from './statement-poller.js';

// Failures that mean "we cannot reach or authenticate to the service", not "this SQL is wrong".
const unavailableErrorNames = new Set([
  'CredentialsProviderError',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'ThrottlingException',
  'TooManyRequestsException',
  'InternalServerException',
  'InternalServerError',
  'ServiceUnavailableException',
  'TimeoutError',
]);
const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

function property(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null && name in error ? (error as Record<string, unknown>)[name] : undefined;
}

/** SWY_ERR_QUERY_FAILED carrying the engine's own reason verbatim (the repair loop shows it to the model). */
export function engineQueryFailed(sourceName: string, reason: string, engineCode?: string, cause?: unknown): SwitchyardError {
  return new SwitchyardError('SWY_ERR_QUERY_FAILED', reason, {
    details: engineCode === undefined ? { source: sourceName } : { source: sourceName, engineCode },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Maps an AWS SDK v3 failure (Athena, Redshift Data API) or our own interruption. Request
 * validation errors keep the service's message; network, credential and throttling failures make
 * the source unavailable.
 */
export function mapAwsError(error: unknown, sourceName: string): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const details = { source: sourceName };
  if (error instanceof StatementInterrupted) {
    return error.reason === 'timeout'
      ? new SwitchyardError('SWY_ERR_QUERY_TIMEOUT', `The query on source "${sourceName}" exceeded its time limit`, { details, cause: error })
      : new SwitchyardError('SWY_ERR_QUERY_CANCELLED', `The query on source "${sourceName}" was cancelled`, { details, cause: error });
  }
  const name = String(property(error, 'name') ?? '');
  const message = String(property(error, 'message') || name || error);
  if (name === 'AbortError') {
    return new SwitchyardError('SWY_ERR_QUERY_CANCELLED', `The query on source "${sourceName}" was cancelled`, { details, cause: error });
  }
  const status = property(property(error, '$metadata'), 'httpStatusCode');
  const code = property(error, 'code') ?? property(property(error, 'cause'), 'code');
  const unavailable =
    unavailableErrorNames.has(name) ||
    (typeof code === 'string' && networkErrorCodes.has(code)) ||
    status === undefined ||
    (typeof status === 'number' && status >= 500);
  if (unavailable) {
    return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}" is unavailable: ${message}`, { details, cause: error });
  }
  return engineQueryFailed(sourceName, message, name || undefined, error);
}
