import type { FastifyError, FastifyInstance } from 'fastify';
import { toSwitchyardError } from './errors/framework-error-mapper.js';
import { SwitchyardError } from './errors/switchyard-error.js';

/** Installs the error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toSwitchyardError(error, request.body);
    const status = SwitchyardError.isInstance(error) || mapped.code !== 'SWY_ERR_VALIDATION' ? mapped.statusCode : ((error as FastifyError).statusCode ?? 400);
    if (status >= 500) request.log.error({ err: error, code: mapped.code }, 'request failed');
    else request.log.info({ code: mapped.code, message: mapped.message }, 'request rejected');
    // One place for Retry-After, so every route sends it for every error that knows when to retry.
    if (mapped.retryAfterSeconds !== undefined) void reply.header('retry-after', String(mapped.retryAfterSeconds));
    return reply.code(status).send(mapped.toResponseBody());
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(
      new SwitchyardError('SWY_ERR_NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`).toResponseBody(),
    ),
  );
}
