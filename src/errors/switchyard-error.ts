import { errorCodes, type ErrorCode, type ErrorKind } from './error-codes.js';

/** Options that refine an error beyond its code's defaults. */
export interface SwitchyardErrorOptions {
  /** Structured, client-safe context (names, reasons, attempts); never secrets or row data. */
  details?: Record<string, unknown>;
  /** The underlying error, kept for logs only. */
  cause?: unknown;
  /** Overrides the code's default retryability, e.g. a connection reset on an otherwise permanent code. */
  isRetryable?: boolean;
}

const marker = Symbol.for('switchyard.error');

/** The one error type of the service: a stable code, an HTTP status, a kind and retryability. */
export class SwitchyardError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly kind: ErrorKind;
  readonly isRetryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly [marker] = true;

  constructor(code: ErrorCode, message: string, options: SwitchyardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const definition = errorCodes[code];
    this.name = 'SwitchyardError';
    this.code = code;
    this.statusCode = definition.statusCode;
    this.kind = definition.kind;
    this.isRetryable = options.isRetryable ?? definition.isRetryable;
    this.details = options.details;
  }

  /** True for any SwitchyardError, even one created by a duplicate copy of this module. */
  static isInstance(value: unknown): value is SwitchyardError {
    return typeof value === 'object' && value !== null && marker in value;
  }

  /** The same error (code, message, retryability) with more details, keeping this one as the cause. */
  withDetails(extra: Record<string, unknown>): SwitchyardError {
    return new SwitchyardError(this.code, this.message, { details: { ...this.details, ...extra }, isRetryable: this.isRetryable, cause: this });
  }

  /**
   * Seconds after which a retry may succeed, from `details.retryAfterSeconds`: kept in the details so
   * the body says it too and `withDetails` carries it along; the error handler sends it as Retry-After.
   */
  get retryAfterSeconds(): number | undefined {
    const seconds = this.details?.retryAfterSeconds;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
  }

  /** The client-facing body: code, message and details, never a stack. */
  toResponseBody(): { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}
