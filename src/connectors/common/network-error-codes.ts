/**
 * Node's socket error codes for a server that cannot be reached or dropped the connection. Every
 * driver surfaces them unchanged, and each means the source is unavailable, not that the SQL is wrong.
 */
export const networkErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
