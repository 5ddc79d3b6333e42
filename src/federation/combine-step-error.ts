import type { InterruptReason } from '../connectors/common/interrupt-reason.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { FederatedPart } from './federated-plan.js';

/** Where the combine step was when it failed. */
export interface CombineFailureContext {
  /** Set when the timeout or the caller's signal interrupted it. */
  readonly reason: InterruptReason | undefined;
  /** The part being loaded, when loading failed. */
  readonly loading: FederatedPart | undefined;
  /** The memory limit, for the message. */
  readonly memoryLimitMb: number;
  /** The timeout, for the message. */
  readonly timeoutMs: number;
}

/** DuckDB's error class (`Binder Error`, `Out of Memory Error`), the start of its message. */
function engineCodeOf(message: string): string | undefined {
  return /^([A-Za-z ]+ Error):/.exec(message)?.[1];
}

/**
 * A combine-step failure as a SwitchyardError. DuckDB's own message is kept verbatim for a query it
 * refuses, since the repair loop shows it to the model; the error class decides out of memory, as the
 * DuckDB connector's mapper reads it.
 */
export function combineStepError(error: unknown, context: CombineFailureContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (context.reason === 'timeout') {
    return new SwitchyardError(
      'SWY_ERR_QUERY_TIMEOUT',
      `The combine step (DuckDB) of the federated answer ran past its ${context.timeoutMs / 1000} s limit (SWITCHYARD_FEDERATION_COMBINE_TIMEOUT_MS); filter the tables so fewer rows are combined, or put a Trino source in front of these sources.`,
      { details: { step: 'combine' }, cause: error },
    );
  }
  if (context.reason === 'cancelled') {
    return new SwitchyardError('SWY_ERR_QUERY_CANCELLED', 'The federated answer was cancelled during its combine step.', { details: { step: 'combine' }, cause: error });
  }
  const engineCode = engineCodeOf(message);
  if (engineCode === 'Out of Memory Error') {
    return new SwitchyardError(
      'SWY_ERR_FEDERATION_COMBINE_OUT_OF_MEMORY',
      `The combine step (DuckDB) needed more than its ${context.memoryLimitMb} MB of memory (SWITCHYARD_FEDERATION_COMBINE_MEMORY_MB): ${message}. Filter the tables so fewer rows are combined, aggregate before joining, or put a Trino source in front of these sources.`,
      { details: { step: 'combine', engineCode }, cause: error },
    );
  }
  if (context.loading !== undefined) {
    const { index, source, table } = context.loading;
    return new SwitchyardError(
      'SWY_ERR_INTERNAL',
      `Part #${index} (${source}.${table}) could not be loaded into the combine step (DuckDB): ${message}. This is a bug in Switchyard: report it with the query.`,
      { details: { step: 'combine', part: index, source, table, ...(engineCode === undefined ? {} : { engineCode }) }, cause: error },
    );
  }
  return new SwitchyardError('SWY_ERR_QUERY_FAILED', `The combine step (DuckDB): ${message}`, {
    details: { step: 'combine', ...(engineCode === undefined ? {} : { engineCode }) },
    cause: error,
  });
}
