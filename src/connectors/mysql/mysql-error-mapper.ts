import { SwitchyardError } from '../../errors/switchyard-error.js';
import { driverErrorField } from '../common/driver-error-field.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { networkErrorCodes } from '../common/network-error-codes.js';
import { sourceErrors } from '../common/source-error-factory.js';

/** What the mapper needs to know besides the error itself. */
export interface MySqlErrorContext {
  /** Source name, reported in details and messages. */
  readonly sourceName: string;
  /** Set when our backstop timer or the caller's signal killed the statement. */
  readonly interruptReason?: InterruptReason;
  /** The configured password, scrubbed from any message that might echo it. */
  readonly password?: string;
}

// ER_QUERY_TIMEOUT (MySQL max_execution_time), ER_STATEMENT_TIMEOUT (MariaDB max_statement_time).
const timeoutErrorNumbers = new Set([3024, 1969]);
// Access denied, unknown database, too many connections, host blocked / not allowed, server gone.
const unavailableErrorNumbers = new Set([1040, 1044, 1045, 1049, 1129, 1130, 1203, 2002, 2003, 2005, 2006, 2013]);
// mysql2's own code for a session the server closed under us.
const connectionLostCode = 'PROTOCOL_CONNECTION_LOST';

/**
 * Maps a mysql2 (MySQL, MariaDB, Aurora MySQL) error. Query errors keep the server's message
 * verbatim with the server's symbolic code (e.g. `ER_PARSE_ERROR`) as `engineCode`.
 */
export function mapMySqlError(error: unknown, context: MySqlErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const errorNumber = driverErrorField(error, 'errno');
  const code = driverErrorField(error, 'code');
  if (context.interruptReason === 'cancelled') return sourceErrors.interrupted('cancelled', context.sourceName, error);
  if (context.interruptReason === 'timeout' || (typeof errorNumber === 'number' && timeoutErrorNumbers.has(errorNumber))) {
    return sourceErrors.interrupted('timeout', context.sourceName, error);
  }
  let message = String(driverErrorField(error, 'message') || code || error);
  if (context.password) message = message.replaceAll(context.password, '***');
  const unavailable =
    driverErrorField(error, 'fatal') === true ||
    driverErrorField(error, 'name') === 'KnexTimeoutError' ||
    (typeof errorNumber === 'number' && unavailableErrorNumbers.has(errorNumber)) ||
    (typeof code === 'string' && (networkErrorCodes.has(code) || code === connectionLostCode));
  if (unavailable) return sourceErrors.unavailable(context.sourceName, message, error);
  return sourceErrors.queryFailed(context.sourceName, message, typeof code === 'string' ? code : undefined, error);
}
