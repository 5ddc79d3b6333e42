import type { SourceHandle } from '../sources/source-handle.js';
import type { FederatedPartExecutor } from './federated-plan-runner.js';

/**
 * Runs each part's statements on its source's handle: the resilient connector (breaker, concurrency
 * limit, retries) with the source's own statement timeout, and the part's signal. A SQL part on an
 * in-process DuckDB source is read as DuckDB data chunks, which the combine step appends unconverted.
 */
export function sourcePartExecutor(handleOf: (source: string) => Pick<SourceHandle, 'connector' | 'timeoutMs'>): FederatedPartExecutor {
  return (part, request) => {
    const { connector, timeoutMs } = handleOf(part.source);
    const options = { maxRows: request.maxRows, timeoutMs, signal: request.signal };
    if (part.requestLanguage === 'sql' && connector.executeChunks !== undefined) return connector.executeChunks(request.statement, options);
    return connector.execute(request.statement, options);
  };
}
