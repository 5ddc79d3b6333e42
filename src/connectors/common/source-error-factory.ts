import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { InterruptReason } from './interrupt-reason.js';
import { networkEndpointOf } from './network-endpoint.js';

/**
 * What to check when a connection failed at the socket. The client is told which settings to read,
 * not the address (see withoutAddresses); the log the operator reads has the address tried.
 */
function connectionHint(cause: unknown, addressSettings: string): string {
  if (networkEndpointOf(cause) === undefined) return '';
  return ` (nothing answered at the configured address: check that the server is running and that ${addressSettings} in sources.yaml point at it; the server log names the address tried)`;
}

/**
 * A connection failure's reason without the addresses in it (`connect ECONNREFUSED 10.0.3.7:5432`
 * → `connect ECONNREFUSED`): the message reaches clients, who need to know the source is down, not
 * where the network puts it. The log keeps the whole error as the cause.
 */
export function withoutAddresses(reason: string): string {
  return reason
    .replace(/\b(ENOTFOUND|EAI_AGAIN)\s+\S+/g, '$1')
    .replace(/\s*\[?[0-9a-f]*:[0-9a-f:]+\]?:\d+\b/gi, '')
    .replace(/\s*\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '')
    .trim();
}

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

  /**
   * SWY_ERR_SOURCE_UNAVAILABLE for an engine that cannot be reached, refuses the login or dropped the
   * session; `addressSettings` names the settings that say where the engine is.
   */
  unavailable(sourceName: string, reason: string, cause: unknown, addressSettings = 'connection.host and connection.port'): SwitchyardError {
    return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}" is unavailable: ${withoutAddresses(reason)}${connectionHint(cause, addressSettings)}`, {
      details: { source: sourceName },
      cause,
    });
  },

  /** SWY_ERR_SOURCE_UNAVAILABLE for an embedded engine whose file or views could not be opened. */
  notOpened(sourceName: string, reason: string, cause: unknown): SwitchyardError {
    return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}" could not be opened: ${withoutAddresses(reason)}`, {
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
