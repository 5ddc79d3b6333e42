import type { TrinoQueryError } from './trino-wire-format.js';

/** A page carried `error`: the engine ran the statement and it failed. */
export class TrinoQueryFailure extends Error {
  constructor(readonly queryError: TrinoQueryError) {
    super(queryError.message ?? queryError.errorName ?? 'The query failed');
  }
}

/**
 * The coordinator answered outside the protocol's pages: an HTTP status other than 200 (its body is
 * plain text on Trino), a body that is no page, or a page pointing at another server.
 */
export class TrinoProtocolFailure extends Error {
  constructor(
    /** HTTP status of the answer; 0 when the status was fine and the content was not. */
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
