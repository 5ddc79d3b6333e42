import { Type, type Static } from 'typebox';
import { errorCodeNames } from '../errors/error-codes.js';

/** The stable error codes, generated from the code list so a new code reaches the API document by itself. */
export const ErrorCodeSchema = Type.Enum(errorCodeNames, {
  $id: 'ErrorCode',
  type: 'string',
  description: 'Stable machine-readable code; branch on it, never on the message. Codes are only ever added.',
});

/** The error itself: code, message and structured context. */
export const ApiErrorSchema = Type.Object(
  {
    code: ErrorCodeSchema,
    message: Type.String({ description: 'Human-readable explanation that names the fix when there is one; never a stack trace.' }),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Structured context, e.g. `retryAfterSeconds`, `limit` or the `variable` to set.' })),
  },
  { $id: 'ApiError' },
);

/** The body of every error response. */
export const ErrorResponseSchema = Type.Object({ error: ApiErrorSchema }, { $id: 'ErrorResponse' });

export type ErrorResponse = Static<typeof ErrorResponseSchema>;

/** An error status with the shared error body, as a content map so each status says when it happens. */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorResponseSchema } } };
}

/**
 * What every documented route may answer: an internal error (500), and while the service shuts down
 * 503 SWY_ERR_SHUTTING_DOWN with Retry-After (the routes that answer 503 for their own reasons say so).
 */
export const ServiceErrorResponses = {
  500: errorResponse('Internal error (SWY_ERR_INTERNAL); the message is generic and the cause is in the log.'),
  503: errorResponse('The service is shutting down (SWY_ERR_SHUTTING_DOWN); retry after Retry-After, on another replica.'),
} as const;

/**
 * Responses of every route that reads a request body: not valid JSON (400), over the 256 KiB body limit
 * (413) or not `application/json` (415).
 */
export const BodyErrorResponses = {
  400: errorResponse('The body is not valid JSON or a field fails validation (SWY_ERR_VALIDATION; for a question also SWY_ERR_QUESTION_EMPTY or SWY_ERR_QUESTION_TOO_LONG).'),
  413: errorResponse('The body is over 256 KiB (SWY_ERR_PAYLOAD_TOO_LARGE).'),
  415: errorResponse('The body is not `application/json` (SWY_ERR_UNSUPPORTED_MEDIA_TYPE).'),
} as const;

/**
 * Responses of every route behind the API-key check and the rate limit: no valid key (401), over the
 * key's budget (429). Both only happen when keys or limits are on, which is the default outside the demo.
 */
export const AccessErrorResponses = {
  401: errorResponse('No valid API key (SWY_ERR_UNAUTHORIZED); send `Authorization: Bearer <key>` or `X-API-Key`.'),
  429: errorResponse('Over the rate limit (SWY_ERR_RATE_LIMITED); retry after Retry-After.'),
} as const;

/** The errors a question can end in, on POST /query as a status and on the stream as an `error` event. */
export const QuestionErrorResponses = {
  403: errorResponse('The API key may not use the source named, or none of the sources it may use holds what the question asks (SWY_ERR_OUTSIDE_KEY_SCOPE, SWY_ERR_FORBIDDEN).'),
  404: errorResponse('The source or the conversation is unknown (SWY_ERR_SOURCE_NOT_FOUND, SWY_ERR_CONVERSATION_NOT_FOUND).'),
  422: errorResponse('The SQL was rejected by the read-only guard or failed on the database, and repair did not help (SWY_ERR_SQL_REJECTED, SWY_ERR_QUERY_FAILED).'),
  502: errorResponse('A source or the model failed (SWY_ERR_SOURCE_UNAVAILABLE, SWY_ERR_LLM_FAILED, SWY_ERR_LLM_BAD_OUTPUT, SWY_ERR_REPAIR_EXHAUSTED, ...).'),
  503: errorResponse('Not answerable now: no model configured, the catalog or the source not loaded, a circuit open, the source busy, or shutting down; retry after Retry-After when sent.'),
  504: errorResponse('The query or the model timed out (SWY_ERR_QUERY_TIMEOUT, SWY_ERR_LLM_TIMEOUT).'),
} as const;
