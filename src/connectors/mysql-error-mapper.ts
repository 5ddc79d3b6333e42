import { SwitchyardError } from '../errors/switchyard-error.js';
import type { InterruptReason } from './statement-watch.js';

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
const networkErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
]);

function property(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null && name in error ? (error as Record<string, unknown>)[name] : undefined;
}

/**
 * Maps a mysql2 (MySQL, MariaDB, Aurora MySQL) error. Query errors keep the server's message
 * verbatim with the server's symbolic code (e.g. `ER_PARSE_ERROR`) as `engineCode`.
 */
export function mapMySqlError(error: unknown, context: MySqlErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const details = { source: context.sourceName };
  const errorNumber = property(error, 'errno');
  const code = property(error, 'code');
  if (context.interruptReason === 'cancelled') {
    return new SwitchyardError('SWY_ERR_QUERY_CANCELLED', `The query on source "${context.sourceName}" was cancelled`, {
      details,
      cause: error,
    });
  }
  if (context.interruptReason === 'timeout' || (typeof errorNumber === 'number' && timeoutErrorNumbers.has(errorNumber))) {
    return new SwitchyardError('SWY_ERR_QUERY_TIMEOUT', `The query on source "${context.sourceName}" exceeded its time limit`, {
      details,
      cause: error,
    });
  }
  let message = String(property(error, 'message') || code || error);
  if (context.password) message = message.replaceAll(context.password, '***');
  const unavailable =
    property(error, 'fatal') === true ||
    property(error, 'name') === 'KnexTimeoutError' ||
    (typeof errorNumber === 'number' && unavailableErrorNumbers.has(errorNumber)) ||
    (typeof code === 'string' && networkErrorCodes.has(code));
  if (unavailable) {
    return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${context.sourceName}" is unavailable: ${message}`, {
      details,
      cause: error,
    });
  }
  return new SwitchyardError('SWY_ERR_QUERY_FAILED', message, {
    details: typeof code === 'string' ? { ...details, engineCode: code } : details,
    cause: error,
  });
}
