import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { toSwitchyardError } from '../errors/framework-error-mapper.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

/**
 * Answers a failed request: logged (5xx as errors), Retry-After when the error knows when to retry,
 * and the status of its code, or for Fastify's own client errors (a malformed header) the status
 * Fastify gave it. The body is the REST error body unless `body` renders it otherwise (JSON-RPC on /mcp).
 */
export function replyWithError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  body: (mapped: SwitchyardError) => unknown = (mapped) => mapped.toResponseBody(),
): FastifyReply {
  const mapped = toSwitchyardError(error, request.body);
  const status = SwitchyardError.isInstance(error) || mapped.code !== 'SWY_ERR_VALIDATION' ? mapped.statusCode : ((error as FastifyError).statusCode ?? 400);
  if (status >= 500) request.log.error({ err: error, code: mapped.code }, 'request failed');
  else request.log.info({ code: mapped.code, message: mapped.message }, 'request rejected');
  // One place for Retry-After, so every route sends it for every error that knows when to retry.
  if (mapped.retryAfterSeconds !== undefined) void reply.header('retry-after', String(mapped.retryAfterSeconds));
  return reply.code(status).send(body(mapped));
}
