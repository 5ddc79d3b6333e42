/** A result column as Trino's `columns` describe it. */
export interface TrinoColumn {
  /** Column name or alias (`_col0` for an unnamed expression). */
  readonly name: string;
  /** Type as text, e.g. `integer`, `decimal(8, 2)`, `timestamp with time zone`. */
  readonly type: string;
  /** The same type parsed; its `rawType` names the type without arguments. */
  readonly typeSignature?: { readonly rawType?: string };
}

/** Trino's `QueryError`: why a query failed, as the engine words and classifies it. */
export interface TrinoQueryError {
  /** The engine's own message (e.g. `line 1:8: Column 'x' cannot be resolved`), shown to repair as is. */
  readonly message?: string;
  /** Numeric error code. */
  readonly errorCode?: number;
  /** Symbolic error code, e.g. `SYNTAX_ERROR`, `TABLE_NOT_FOUND`, `EXCEEDED_TIME_LIMIT`. */
  readonly errorName?: string;
  /** Who is at fault: `USER_ERROR`, `INTERNAL_ERROR`, `INSUFFICIENT_RESOURCES` or `EXTERNAL`. */
  readonly errorType?: string;
}

/** One page of Trino's `QueryResults`, the answer to the statement POST and to each `nextUri` GET. */
export interface TrinoQueryResults {
  /** Query id, e.g. `20240131_101500_00042_abcde`. */
  readonly id?: string;
  /** Where the next page is; absent once the query finished or failed. */
  readonly nextUri?: string;
  /** Result columns, from the first page that knows them. */
  readonly columns?: readonly TrinoColumn[];
  /** Rows of this page, each a list of values in column order. */
  readonly data?: readonly unknown[][];
  /** Progress; `state` is for people only (the protocol ends when `nextUri` is absent). */
  readonly stats?: { readonly state?: string };
  /** Present when the query failed. */
  readonly error?: TrinoQueryError;
}

// Trino writes BIGINT values as bare JSON numbers with every digit, which JSON.parse would round past
// 2^53. A run of 16 or more digits that is a whole number token (not inside a string, not part of a
// decimal or exponent) is read as a string instead, so the value converter keeps every digit.
const longIntegerToken = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d{16,}(?![\w.])/g;

/** Parses a Trino response body, keeping integers beyond 2^53 exact (as strings). */
export function parseTrinoJson(text: string): unknown {
  const exact = /\d{16}/.test(text) ? text.replace(longIntegerToken, (token) => (token.startsWith('"') ? token : `"${token}"`)) : text;
  return JSON.parse(exact) as unknown;
}
