import { SwitchyardError } from '../errors/switchyard-error.js';
import type { InterruptReason } from './statement-watch.js';

/** Where a DuckDB error happened, which decides how it is classified. */
export interface DuckDbErrorContext {
  /** Source name, reported in details and messages. */
  readonly sourceName: string;
  /** Set when our own timer or the caller's signal interrupted the statement. */
  readonly interruptReason?: InterruptReason;
  /** True while opening the database or building views: failures mean the source is unavailable. */
  readonly opening?: boolean;
}

/**
 * Maps any DuckDB failure to a SwitchyardError. The engine's message is kept verbatim for query
 * errors because the repair loop shows it to the LLM; the error class prefix ("Binder Error")
 * becomes `engineCode`.
 */
export function mapDuckDbError(error: unknown, context: DuckDbErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const details = { source: context.sourceName };
  if (context.interruptReason === 'timeout') {
    return new SwitchyardError('SWY_ERR_QUERY_TIMEOUT', `The query on source "${context.sourceName}" exceeded its time limit`, {
      details,
      cause: error,
    });
  }
  if (context.interruptReason === 'cancelled') {
    return new SwitchyardError('SWY_ERR_QUERY_CANCELLED', `The query on source "${context.sourceName}" was cancelled`, {
      details,
      cause: error,
    });
  }
  if (context.opening) {
    return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${context.sourceName}" could not be opened: ${message}`, {
      details,
      cause: error,
    });
  }
  const engineCode = /^([A-Za-z ]+ Error):/.exec(message)?.[1];
  return new SwitchyardError('SWY_ERR_QUERY_FAILED', message, {
    details: engineCode === undefined ? details : { ...details, engineCode },
    cause: error,
  });
}
