/** Who is at fault, in Trino's terms; retry and explanation logic branch on this, never on message text. */
export type ErrorKind = 'user' | 'internal' | 'resources' | 'external';

/** The fixed properties of one stable error code. */
export interface ErrorCodeDefinition {
  /** HTTP status sent to the client. */
  readonly statusCode: number;
  /** Who is at fault. */
  readonly kind: ErrorKind;
  /** Whether repeating the same call may succeed. */
  readonly isRetryable: boolean;
  /**
   * Whether a model may rewrite the statement that caused it: always (`true`), never (absent), or per
   * guard rule (`'by-guard-rule'`, see guardRuleRepairs; the error's details say `repairable`).
   */
  readonly repairable?: true | 'by-guard-rule';
}

/**
 * Every error the service can return. Codes are part of the public API: never rename one,
 * only add new ones.
 */
export const errorCodes = {
  SWY_ERR_VALIDATION: { statusCode: 400, kind: 'user', isRetryable: false },
  SWY_ERR_QUESTION_EMPTY: { statusCode: 400, kind: 'user', isRetryable: false },
  SWY_ERR_QUESTION_TOO_LONG: { statusCode: 400, kind: 'user', isRetryable: false },
  SWY_ERR_PAYLOAD_TOO_LARGE: { statusCode: 413, kind: 'user', isRetryable: false },
  SWY_ERR_UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, kind: 'user', isRetryable: false },
  SWY_ERR_NOT_FOUND: { statusCode: 404, kind: 'user', isRetryable: false },
  SWY_ERR_SOURCE_NOT_FOUND: { statusCode: 404, kind: 'user', isRetryable: false },
  SWY_ERR_CONVERSATION_NOT_FOUND: { statusCode: 404, kind: 'user', isRetryable: false },
  SWY_ERR_SQL_REJECTED: { statusCode: 422, kind: 'user', isRetryable: false, repairable: 'by-guard-rule' },
  SWY_ERR_QUERY_FAILED: { statusCode: 422, kind: 'user', isRetryable: false, repairable: true },
  SWY_ERR_QUERY_TIMEOUT: { statusCode: 504, kind: 'resources', isRetryable: false, repairable: true },
  SWY_ERR_QUERY_CANCELLED: { statusCode: 499, kind: 'user', isRetryable: false },
  SWY_ERR_FEDERATION_PART_TOO_LARGE: { statusCode: 422, kind: 'resources', isRetryable: false, repairable: true },
  SWY_ERR_FEDERATION_COMBINE_OUT_OF_MEMORY: { statusCode: 422, kind: 'resources', isRetryable: false, repairable: true },
  SWY_ERR_REPAIR_EXHAUSTED: { statusCode: 502, kind: 'external', isRetryable: false },
  SWY_ERR_SOURCE_UNAVAILABLE: { statusCode: 502, kind: 'external', isRetryable: true },
  SWY_ERR_LLM_NOT_CONFIGURED: { statusCode: 503, kind: 'internal', isRetryable: false },
  SWY_ERR_LLM_FAILED: { statusCode: 502, kind: 'external', isRetryable: true },
  SWY_ERR_LLM_TIMEOUT: { statusCode: 504, kind: 'external', isRetryable: true },
  SWY_ERR_LLM_BAD_OUTPUT: { statusCode: 502, kind: 'external', isRetryable: false },
  SWY_ERR_LLM_CONTENT_FILTERED: { statusCode: 502, kind: 'external', isRetryable: false },
  SWY_ERR_CATALOG_NOT_READY: { statusCode: 503, kind: 'resources', isRetryable: true },
  SWY_ERR_CONFIG_INVALID: { statusCode: 500, kind: 'internal', isRetryable: false },
  SWY_ERR_CONFIG_UNKNOWN_SETTING: { statusCode: 500, kind: 'internal', isRetryable: false },
  SWY_ERR_INTERNAL: { statusCode: 500, kind: 'internal', isRetryable: false },
  SWY_ERR_ADMIN_UNAUTHORIZED: { statusCode: 401, kind: 'user', isRetryable: false },
  SWY_ERR_ADMIN_DISABLED: { statusCode: 403, kind: 'user', isRetryable: false },
  SWY_ERR_REFRESH_IN_PROGRESS: { statusCode: 409, kind: 'resources', isRetryable: true },
  SWY_ERR_CATALOG_LOAD_FAILED: { statusCode: 502, kind: 'external', isRetryable: true },
  SWY_ERR_EMBEDDING_FAILED: { statusCode: 502, kind: 'external', isRetryable: true },
  SWY_ERR_UNAUTHORIZED: { statusCode: 401, kind: 'user', isRetryable: false },
  SWY_ERR_FORBIDDEN: { statusCode: 403, kind: 'user', isRetryable: false },
  SWY_ERR_OUTSIDE_KEY_SCOPE: { statusCode: 403, kind: 'user', isRetryable: false },
  SWY_ERR_RATE_LIMITED: { statusCode: 429, kind: 'user', isRetryable: true },
  SWY_ERR_SOURCE_BUSY: { statusCode: 503, kind: 'resources', isRetryable: true },
  SWY_ERR_SOURCE_CIRCUIT_OPEN: { statusCode: 503, kind: 'external', isRetryable: true },
  SWY_ERR_LLM_CIRCUIT_OPEN: { statusCode: 503, kind: 'external', isRetryable: true },
  SWY_ERR_SHUTTING_DOWN: { statusCode: 503, kind: 'resources', isRetryable: true },
  SWY_ERR_SOURCE_NOT_LOADED: { statusCode: 503, kind: 'external', isRetryable: true },
} as const satisfies Record<string, ErrorCodeDefinition>;

/** A stable error code. */
export type ErrorCode = keyof typeof errorCodes;

/** Every stable error code, in declaration order: the enum of the error body's `code` in the API document. */
export const errorCodeNames = Object.keys(errorCodes) as ErrorCode[];

/** How a statement that failed with `code` may be repaired by a rewrite (see ErrorCodeDefinition.repairable). */
export function repairabilityOf(code: ErrorCode): ErrorCodeDefinition['repairable'] {
  const definition: ErrorCodeDefinition = errorCodes[code];
  return definition.repairable;
}
