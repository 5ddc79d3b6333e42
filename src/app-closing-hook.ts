import type { FastifyInstance } from 'fastify';
import { SwitchyardError } from './errors/switchyard-error.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Aborted with SWY_ERR_SHUTTING_DOWN as its reason when shutdown's grace period ends. */
    shutdownSignal: AbortSignal;
    /** Aborted as soon as shutdown starts: streams that never end on their own (MCP notifications) close then, not at the end of grace. */
    closingSignal: AbortSignal;
  }
}

const shuttingDown = (message: string) => new SwitchyardError('SWY_ERR_SHUTTING_DOWN', message, { details: { retryAfterSeconds: 1 } });

/**
 * Once shutdown starts, new requests get 503 SWY_ERR_SHUTTING_DOWN (retryable, with Retry-After and
 * `Connection: close`, so a client or load balancer retries on another replica) while requests
 * already running drain for `graceMs`; any still running then are aborted with the same error, or the
 * server would wait on them and the process be killed before the onClose hooks close anything.
 * Registered first, so the flag is set and the grace period starts before any other preClose hook waits.
 */
export function drainOnClose(app: FastifyInstance, graceMs: number): void {
  let closing = false;
  const shutdown = new AbortController();
  const closingStarted = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  app.decorate('shutdownSignal', shutdown.signal);
  app.decorate('closingSignal', closingStarted.signal);
  app.addHook('preClose', async () => {
    closing = true;
    closingStarted.abort(shuttingDown('The service is shutting down; retry the request'));
    graceTimer = setTimeout(() => shutdown.abort(shuttingDown('The service is shutting down and could not finish this request in time; retry it')), graceMs);
  });
  app.addHook('onClose', async () => clearTimeout(graceTimer));
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close');
    throw shuttingDown('The service is shutting down; retry the request');
  });
}
