import type { FastifyInstance, FastifyReply } from 'fastify';

/** A request's cancellation, and how to stop listening once its work is done. */
export interface RequestAbortSignal {
  /** Aborted plainly when the client goes away, or with SWY_ERR_SHUTTING_DOWN when shutdown's grace period ends. */
  readonly signal: AbortSignal;
  /** Detaches the listeners; call it when the work the signal guards has finished. */
  readonly release: () => void;
}

/**
 * Cancels a request's work instead of finishing what nobody will read (the client left) or what
 * would hold the server's close open past the grace period (shutdown).
 */
export function requestAbortSignal(app: FastifyInstance, reply: FastifyReply): RequestAbortSignal {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!reply.raw.writableEnded) controller.abort();
  };
  const onShutdown = (): void => controller.abort(app.shutdownSignal.reason);
  reply.raw.once('close', onClose);
  app.shutdownSignal.addEventListener('abort', onShutdown, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      reply.raw.off('close', onClose);
      app.shutdownSignal.removeEventListener('abort', onShutdown);
    },
  };
}
