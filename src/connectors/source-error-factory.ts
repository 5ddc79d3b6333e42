import { SwitchyardError } from '../errors/switchyard-error.js';
import type { InterruptReason } from './statement-watch.js';

/**
 * The SwitchyardErrors a connector's failures end in. Every engine words them alike, so a client,
 * a log search or the repair loop sees one message shape per code whichever engine failed; only the
 * engine's own reason (kept verbatim for the model) differs.
 */
export const sourceErrors = {
  /** SWY_ERR_QUERY_TIMEOUT or SWY_ERR_QUERY_CANCELLED for a statement our timer or the caller's signal stopped. */
  interrupted(reason: InterruptReason, sourceName: string, cause?: unknown): SwitchyardError {
    return reason === 'timeout'
      ? new SwitchyardError('SWY_ERR_QUERY_TIMEOUT', `The query on source "${sourceName}" exceeded its time limit`, {
          details: { source: sourceName },
          cause,
        })
      : new SwitchyardError('SWY_ERR_QUERY_CANCELLED', `The query on source "${sourceName}" was cancelled`, {
          details: { source: sourceName },
          cause,
        });
  },

  /** SWY_ERR_SOURCE_UNAVAILABLE for an engine that cannot be reached, refuses the login or dropped the session. */
  unavailable(sourceName: string, reason: string, cause: unknown): SwitchyardError {
    return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}" is unavailable: ${reason}`, {
      details: { source: sourceName },
      cause,
    });
  },

  /** SWY_ERR_SOURCE_UNAVAILABLE for an embedded engine whose file or views could not be opened. */
  notOpened(sourceName: string, reason: string, cause: unknown): SwitchyardError {
    return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}" could not be opened: ${reason}`, {
      details: { source: sourceName },
      cause,
    });
  },

  /**
   * SWY_ERR_QUERY_FAILED carrying the engine's own reason verbatim (the repair loop shows it to the
   * model) and, when the engine gives one, its error code as `engineCode`.
   */
  queryFailed(sourceName: string, reason: string, engineCode?: string, cause?: unknown): SwitchyardError {
    return new SwitchyardError('SWY_ERR_QUERY_FAILED', reason, {
      details: engineCode === undefined ? { source: sourceName } : { source: sourceName, engineCode },
      cause,
    });
  },
};
