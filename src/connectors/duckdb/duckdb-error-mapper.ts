import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { sourceErrors } from '../common/source-error-factory.js';

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
  if (context.interruptReason !== undefined) return sourceErrors.interrupted(context.interruptReason, context.sourceName, error);
  if (context.opening) return sourceErrors.notOpened(context.sourceName, message, error);
  return sourceErrors.queryFailed(context.sourceName, message, /^([A-Za-z ]+ Error):/.exec(message)?.[1], error);
}
