import { SwitchyardError } from '../../errors/switchyard-error.js';

/**
 * A ping failure as SWY_ERR_SOURCE_UNAVAILABLE: any error while checking health means the source
 * cannot serve, even one the engine reports like a query error (an unknown database, a bad role).
 */
export function asSourceUnavailable(mapped: SwitchyardError, sourceName: string, cause: unknown): SwitchyardError {
  if (mapped.code === 'SWY_ERR_SOURCE_UNAVAILABLE') return mapped;
  return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}" did not answer: ${mapped.message}`, {
    details: { source: sourceName },
    cause,
  });
}

/** SWY_ERR_SOURCE_UNAVAILABLE for a connector that was closed. */
export function closedSourceError(sourceName: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}" is closed`, { details: { source: sourceName } });
}
