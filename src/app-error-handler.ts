import type { FastifyInstance } from 'fastify';
import { SwitchyardError } from './errors/switchyard-error.js';
import { replyWithError } from './routes/error-reply-writer.js';

/** Installs the error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => replyWithError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(
      new SwitchyardError('SWY_ERR_NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`).toResponseBody(),
    ),
  );
}
