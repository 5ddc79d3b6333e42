import type { FastifyInstance } from 'fastify';
import { toSwitchyardError } from '../errors/framework-error-mapper.js';
import { operationsRunOptions } from './operations-run-options.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** True once the request's question has an operations observer, which writes its audit record. */
    questionObserved: boolean;
  }
}

/** Route templates whose every POST is a question. */
const questionRoutes = new Set(['/query', '/query/stream']);

/**
 * Records a question turned away before its handler ran (invalid body, missing or invalid API key,
 * rate limit, body too large, shutdown) in the metrics and the audit log, as the pipeline records
 * every question it answers or refuses. Such a request has no observer yet; one is made for it here,
 * so the record is built exactly as the pipeline's are: client when known, the question only when the
 * parsed body holds it as a string, never the key.
 */
export function recordRejectedQuestions(app: FastifyInstance): void {
  app.decorateRequest('questionObserved', false);
  app.addHook('onError', async (request, reply, error) => {
    if (request.method !== 'POST' || !questionRoutes.has(request.routeOptions.url ?? '') || request.questionObserved) return;
    operationsRunOptions(app, request).observer?.onComplete?.({ error: toSwitchyardError(error), cache: 'miss', durationMs: reply.elapsedTime });
  });
}
