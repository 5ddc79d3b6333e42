import type { SourceHandle } from '../sources/source-handle.js';
import type { FederatedPartExecutor } from './federated-plan-runner.js';

/**
 * Runs each part's statements on its source's handle: the resilient connector (breaker, concurrency
 * limit, retries) with the source's own statement timeout, and the part's signal.
 */
export function sourcePartExecutor(handleOf: (source: string) => Pick<SourceHandle, 'connector' | 'timeoutMs'>): FederatedPartExecutor {
  return (part, request) => {
    const handle = handleOf(part.source);
    return handle.connector.execute(request.statement, { maxRows: request.maxRows, timeoutMs: handle.timeoutMs, signal: request.signal });
  };
}
