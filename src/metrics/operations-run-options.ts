import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createOperationsObserver } from './operations-observer.js';
import type { PipelineObserver } from './pipeline-observer.js';

/** The run options a question's operations need: who asks, what it may query, and the observer. */
export interface OperationsRunOptions {
  /** Sources the client may query; absent means every source. */
  readonly allowedSources?: ReadonlySet<string>;
  /** Client name from the API key. */
  readonly client?: string;
  /** Logs, metrics and the audit record of the question. */
  readonly observer: PipelineObserver;
}

/**
 * The per-request part of a pipeline run: the client's source scope from its API key, and an
 * observer that logs with the request id, updates metrics and writes the audit record.
 */
export function operationsRunOptions(app: FastifyInstance, request: FastifyRequest): OperationsRunOptions {
  const client = request.apiClient;
  const body = request.body as { question?: unknown } | undefined;
  // The observer writes this question's audit record; the rejection hook must not write a second one.
  request.questionObserved = true;
  return {
    ...(client?.allowedSources ? { allowedSources: client.allowedSources } : {}),
    ...(client ? { client: client.id } : {}),
    observer: createOperationsObserver({
      metrics: app.hasDecorator('metrics') ? app.metrics : undefined,
      audit: app.hasDecorator('auditLog') ? app.auditLog : undefined,
      log: request.log,
      requestId: request.id,
      client: client?.id ?? 'anonymous',
      question: typeof body?.question === 'string' ? body.question : '',
    }),
  };
}
