import { SwitchyardError } from '../../errors/switchyard-error.js';
import { driverErrorField } from '../common/driver-error-field.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { sourceErrors } from '../common/source-error-factory.js';

/** What the mapper needs to know besides the error itself. */
export interface SnowflakeErrorContext {
  /** Source name, reported in details and messages. */
  readonly sourceName: string;
  /** Set when our backstop timer or the caller's signal cancelled the statement. */
  readonly interruptReason?: InterruptReason | undefined;
  /** Configured secrets (password, private key passphrase), scrubbed from any message that might echo them. */
  readonly secrets: readonly (string | undefined)[];
}

// Snowflake error codes: 000630 statement timeout, 000604 cancelled; 390xxx are login/session failures.
const timeoutCode = '630';
const cancelledCode = '604';

function errorCode(error: unknown): string {
  return String(driverErrorField(error, 'code') ?? '').replace(/^0+/, '');
}

/**
 * Maps a snowflake-sdk error. Query errors keep Snowflake's message verbatim with its error code as
 * `engineCode`; network, login and session failures make the source unavailable.
 */
export function mapSnowflakeError(error: unknown, context: SnowflakeErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const code = errorCode(error);
  if (context.interruptReason === 'cancelled') return sourceErrors.interrupted('cancelled', context.sourceName, error);
  if (context.interruptReason === 'timeout' || code === timeoutCode) return sourceErrors.interrupted('timeout', context.sourceName, error);
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of context.secrets) {
    if (secret) message = message.replaceAll(secret, '***');
  }
  // Query errors carry a SQLSTATE; network, login and session failures do not.
  if (driverErrorField(error, 'sqlState') === undefined || code.startsWith('390') || code === cancelledCode) {
    return sourceErrors.unavailable(context.sourceName, message, error);
  }
  return sourceErrors.queryFailed(context.sourceName, message, code, error);
}
