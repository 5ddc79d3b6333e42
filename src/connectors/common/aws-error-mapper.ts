import { SwitchyardError } from '../../errors/switchyard-error.js';
import { driverErrorField } from './driver-error-field.js';
import { networkErrorCodes } from './network-error-codes.js';
import { sourceErrors } from './source-error-factory.js';
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

/**
 * Maps an AWS SDK v3 failure (Athena, Redshift Data API) or our own interruption. Request
 * validation errors keep the service's message; network, credential and throttling failures make
 * the source unavailable.
 */
export function mapAwsError(error: unknown, sourceName: string): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  if (error instanceof StatementInterrupted) return sourceErrors.interrupted(error.reason, sourceName, error);
  const name = String(driverErrorField(error, 'name') ?? '');
  const message = String(driverErrorField(error, 'message') || name || error);
  if (name === 'AbortError') return sourceErrors.interrupted('cancelled', sourceName, error);
  const status = driverErrorField(driverErrorField(error, '$metadata'), 'httpStatusCode');
  const code = driverErrorField(error, 'code') ?? driverErrorField(driverErrorField(error, 'cause'), 'code');
  const unavailable =
    unavailableErrorNames.has(name) ||
    (typeof code === 'string' && networkErrorCodes.has(code)) ||
    status === undefined ||
    (typeof status === 'number' && status >= 500);
  if (unavailable) return sourceErrors.unavailable(sourceName, message, error);
  return sourceErrors.queryFailed(sourceName, message, name || undefined, error);
}
