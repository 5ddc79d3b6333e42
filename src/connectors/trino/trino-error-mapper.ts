import { SwitchyardError } from '../../errors/switchyard-error.js';
import { driverErrorField } from '../common/driver-error-field.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { sourceErrors } from '../common/source-error-factory.js';
import { TrinoProtocolFailure, TrinoQueryFailure } from './trino-failures.js';

/** What the mapper needs to know besides the error itself. */
export interface TrinoErrorContext {
  /** Source name, reported in details and messages. */
  readonly sourceName: string;
  /** Set when our backstop timer or the caller's signal cancelled the query. */
  readonly interruptReason?: InterruptReason | undefined;
  /** The configured password, scrubbed from any message that might echo it. */
  readonly password?: string | undefined;
  /** How long one request may wait, for the message when the coordinator did not answer. */
  readonly requestTimeoutMs: number;
}

// User errors that are about our session with the coordinator, not about the SQL: a rewrite cannot
// fix them. An unknown transaction means the statements of one transaction reached different
// coordinators (a gateway) or the transaction idled out.
const sessionErrorNames = new Set(['UNKNOWN_TRANSACTION', 'NOT_IN_TRANSACTION', 'TRANSACTION_ALREADY_ABORTED', 'INCOMPATIBLE_CLIENT']);
// Resource errors that say "the cluster cannot take this now" rather than "this query is too big".
const busyErrorNames = new Set(['QUERY_QUEUE_FULL', 'CLUSTER_OUT_OF_MEMORY', 'ADMINISTRATIVELY_PREEMPTED', 'ADMINISTRATIVELY_KILLED']);
const transactionHint = ' (if a gateway routes each statement to another cluster, set connection.readOnlyTransaction: false)';

function scrubbed(message: string, password: string | undefined): string {
  return password ? message.replaceAll(password, '***') : message;
}

function fromQueryError(failure: TrinoQueryFailure, context: TrinoErrorContext): SwitchyardError {
  const { errorName = '', errorType = '' } = failure.queryError;
  const message = scrubbed(failure.message, context.password);
  if (errorName === 'EXCEEDED_TIME_LIMIT') return sourceErrors.interrupted('timeout', context.sourceName, failure);
  if (errorName === 'USER_CANCELED') return sourceErrors.interrupted('cancelled', context.sourceName, failure);
  if (sessionErrorNames.has(errorName)) return sourceErrors.unavailable(context.sourceName, `${message}${transactionHint}`, failure);
  if (errorType === 'USER_ERROR') return sourceErrors.queryFailed(context.sourceName, message, errorName || undefined, failure);
  // Memory, CPU or scan limits of one query: a narrower query may fit, so repair gets the message.
  if (errorType === 'INSUFFICIENT_RESOURCES' && !busyErrorNames.has(errorName)) {
    return sourceErrors.queryFailed(context.sourceName, message, errorName || undefined, failure);
  }
  // INTERNAL_ERROR (the cluster), EXTERNAL (a connector's backing system) and a busy cluster.
  return sourceErrors.unavailable(context.sourceName, message, failure);
}

function fromProtocolFailure(failure: TrinoProtocolFailure, context: TrinoErrorContext): SwitchyardError {
  const message = scrubbed(failure.message, context.password);
  if (failure.status === 401 || failure.status === 403) {
    return sourceErrors.unavailable(context.sourceName, `the coordinator refused connection.user or connection.password (${message})`, failure);
  }
  // Trino answers 400 for a statement it cannot take at all (an empty one): the SQL's fault.
  if (failure.status === 400) return sourceErrors.queryFailed(context.sourceName, message, 'HTTP_400', failure);
  return sourceErrors.unavailable(context.sourceName, message, failure);
}

/**
 * Maps a failure of the Trino client. Query errors keep Trino's message verbatim with its
 * `errorName` as `engineCode` (repairable for user errors: syntax, unknown table or column, types);
 * Trino's time limit and cancellation are a timeout and a cancellation; the cluster's own failures,
 * a refused login and an unreachable coordinator make the source unavailable.
 */
export function mapTrinoError(error: unknown, context: TrinoErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  if (context.interruptReason !== undefined) return sourceErrors.interrupted(context.interruptReason, context.sourceName, error);
  if (error instanceof TrinoQueryFailure) return fromQueryError(error, context);
  if (error instanceof TrinoProtocolFailure) return fromProtocolFailure(error, context);
  const name = driverErrorField(error, 'name');
  if (name === 'TimeoutError') {
    return sourceErrors.unavailable(context.sourceName, `the coordinator did not answer within ${context.requestTimeoutMs} ms (connection.connectTimeoutMs)`, error);
  }
  if (name === 'AbortError') return sourceErrors.interrupted('cancelled', context.sourceName, error);
  // fetch fails with "fetch failed" and the socket's error (ECONNREFUSED, ENOTFOUND, …) as its cause.
  const cause = driverErrorField(error, 'cause');
  const code = driverErrorField(cause, 'code');
  const reason = typeof code === 'string' ? code : String(driverErrorField(cause, 'message') ?? driverErrorField(error, 'message') ?? error);
  return sourceErrors.unavailable(context.sourceName, scrubbed(reason, context.password), error, 'the host and port of connection.server');
}
