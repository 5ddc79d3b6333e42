import type { FastifyInstance } from 'fastify';
import { SwitchyardError } from './errors/switchyard-error.js';

/**
 * Once shutdown starts, new requests get 503 SWY_ERR_SHUTTING_DOWN (retryable, with Retry-After and
 * `Connection: close`, so a client or load balancer retries on another replica) while requests
 * already running drain. Registered first, so the flag is set before any other preClose hook waits.
 */
export function rejectWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close');
    throw new SwitchyardError('SWY_ERR_SHUTTING_DOWN', 'The service is shutting down; retry the request', { details: { retryAfterSeconds: 1 } });
  });
}
