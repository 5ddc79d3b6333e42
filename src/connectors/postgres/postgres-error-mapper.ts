import { SwitchyardError } from '../../errors/switchyard-error.js';
import { driverErrorField } from '../common/driver-error-field.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { networkErrorCodes } from '../common/network-error-codes.js';
import { sourceErrors } from '../common/source-error-factory.js';

/** What the mapper needs to know besides the error itself. */
export interface PostgresErrorContext {
  /** Source name, reported in details and messages. */
  readonly sourceName: string;
  /** Set when the caller's signal cancelled the statement. */
  readonly interruptReason?: InterruptReason;
  /** The configured password, scrubbed from any message that might echo a connection string. */
  readonly password?: string;
}

// SQLSTATEs meaning "the server cannot serve this session": connection exceptions (08), invalid
// authorization (28), unknown database, too many connections, shutdown in progress.
const unavailableSqlStates = new Set(['3D000', '53300', '57P01', '57P02', '57P03']);
const statementCancelledSqlState = '57014';

// pg puts SQLSTATEs, messages and error names in string members; anything else there is not one of them.
function errorProperty(error: unknown, name: string): string | undefined {
  const value = driverErrorField(error, name);
  return typeof value === 'string' ? value : undefined;
}

function isUnavailable(error: unknown, code: string | undefined): boolean {
  if (code !== undefined && (networkErrorCodes.has(code) || unavailableSqlStates.has(code))) return true;
  if (code !== undefined && /^(08|28)/.test(code)) return true;
  const name = errorProperty(error, 'name');
  if (name === 'KnexTimeoutError' || name === 'AggregateError') return true;
  // pg raises these without a code when the socket drops or the connect timeout elapses.
  const message = errorProperty(error, 'message') ?? '';
  return /^Connection terminated|^timeout expired|Client has encountered a connection error/.test(message);
}

/**
 * Maps a pg (PostgreSQL or Redshift) error. Query errors keep the engine's message verbatim with
 * its SQLSTATE as `engineCode`; statement_timeout (57014 not caused by us) is a timeout.
 */
export function mapPostgresError(error: unknown, context: PostgresErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const code = errorProperty(error, 'code');
  if (context.interruptReason === 'cancelled') return sourceErrors.interrupted('cancelled', context.sourceName, error);
  if (code === statementCancelledSqlState || context.interruptReason === 'timeout') {
    return sourceErrors.interrupted('timeout', context.sourceName, error);
  }
  let message = errorProperty(error, 'message') || code || String(error);
  if (context.password) message = message.replaceAll(context.password, '***');
  if (isUnavailable(error, code)) return sourceErrors.unavailable(context.sourceName, message, error);
  return sourceErrors.queryFailed(context.sourceName, message, code, error);
}
