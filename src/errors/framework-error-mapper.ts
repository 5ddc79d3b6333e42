import type { FastifyError } from 'fastify';
import { SwitchyardError } from './switchyard-error.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fromValidation(issues: ValidationIssue[], context: string, body: unknown): SwitchyardError {
  const first = issues[0];
  const where = `${context}${first?.instancePath ?? ''}`;
  if (first?.instancePath === '/question' && first.keyword === 'maxLength') {
    // The request schema states the running limit, so the schema refuses an over-long question first.
    const limit = Number(first.params?.limit);
    const question = (body as { question?: unknown } | undefined)?.question;
    // Counted as the pipeline counts (code points), so both checks report the same length.
    const length = typeof question === 'string' ? [...question].length : undefined;
    return new SwitchyardError('SWY_ERR_QUESTION_TOO_LONG', `The question is ${length ?? 'more than ' + limit} characters long; the limit is ${limit}`, {
      details: { ...(length === undefined ? {} : { length }), limit },
    });
  }
  const extra = first?.keyword === 'additionalProperties' ? ` (unknown field "${String(first.params?.additionalProperty)}")` : '';
  return new SwitchyardError('SWY_ERR_VALIDATION', `Invalid request: ${where} ${first?.message ?? 'is invalid'}${extra}`, {
    details: { issues: issues.slice(0, 10).map((issue) => ({ path: `${context}${issue.instancePath ?? ''}`, message: issue.message })) },
  });
}

/**
 * Maps any error to `{ error: { code, message, details? } }`; 5xx messages are generic and stacks never
 * leave the process. `body` is the parsed request body, which lets a validation error say what it refused.
 */
export function toSwitchyardError(error: unknown, body?: unknown): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation)) return fromValidation(fastifyError.validation, fastifyError.validationContext ?? 'body', body);
  const status = fastifyError.statusCode;
  if (status === 413) return new SwitchyardError('SWY_ERR_PAYLOAD_TOO_LARGE', fastifyError.message, { details: { reason: fastifyError.code } });
  if (status === 415) return new SwitchyardError('SWY_ERR_UNSUPPORTED_MEDIA_TYPE', fastifyError.message, { details: { reason: fastifyError.code } });
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's other client errors (bad JSON, a malformed header) carry safe messages.
    return new SwitchyardError('SWY_ERR_VALIDATION', fastifyError.message, { details: { reason: fastifyError.code } });
  }
  return new SwitchyardError('SWY_ERR_INTERNAL', 'Internal error', { cause: error });
}
