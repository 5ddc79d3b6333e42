import { Type, type Static } from 'typebox';

/** The body of every error response. */
export const ErrorResponseSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. SWY_ERR_SOURCE_NOT_FOUND.' }),
      message: Type.String({ description: 'Human-readable explanation; never a stack trace.' }),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Structured context.' })),
    }),
  },
  { title: 'ErrorResponse' },
);

export type ErrorResponse = Static<typeof ErrorResponseSchema>;

/** Responses of every route that reads a request body: over the body limit (413) or not JSON (415). */
export const BodyErrorResponses = { 413: ErrorResponseSchema, 415: ErrorResponseSchema } as const;

/**
 * Responses of every route behind the API-key check and the rate limit: no valid key (401), over the
 * key's budget (429). Both only happen when keys or limits are on, which is the default outside the demo.
 */
export const AccessErrorResponses = { 401: ErrorResponseSchema, 429: ErrorResponseSchema } as const;
