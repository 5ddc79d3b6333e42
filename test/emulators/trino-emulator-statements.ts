/**
 * TEST DOUBLE support for the Trino emulator: how it reads a statement before DuckDB runs it (one
 * statement, no trailing semicolon; transaction control; each catalog's information_schema and
 * system.metadata.table_comments rewritten onto DuckDB's information_schema), and DuckDB's errors
 * in Trino's `QueryError` shape. Messages stay DuckDB's; names, codes and types are Trino's.
 */

/** Trino's QueryError, as the protocol sends it. */
export interface TrinoWireError {
  /** The message. */
  readonly message: string;
  /** Numeric code. */
  readonly errorCode: number;
  /** Symbolic code. */
  readonly errorName: string;
  /** Who is at fault. */
  readonly errorType: 'USER_ERROR' | 'INTERNAL_ERROR' | 'INSUFFICIENT_RESOURCES' | 'EXTERNAL';
  /** Where in the text the error is, when known. */
  readonly errorLocation?: { readonly lineNumber: number; readonly columnNumber: number };
  /** Java exception details Trino adds; clients must not show them. */
  readonly failureInfo: { readonly type: string; readonly message: string; readonly stack: readonly string[] };
}

// Codes of Trino's StandardErrorCode.
const userErrorCodes: Readonly<Record<string, number>> = {
  GENERIC_USER_ERROR: 0,
  SYNTAX_ERROR: 1,
  USER_CANCELED: 3,
  PERMISSION_DENIED: 4,
  FUNCTION_NOT_FOUND: 6,
  INVALID_CAST_ARGUMENT: 9,
  NOT_SUPPORTED: 13,
  UNKNOWN_TRANSACTION: 20,
  NOT_IN_TRANSACTION: 21,
  TRANSACTION_ALREADY_ABORTED: 22,
  READ_ONLY_VIOLATION: 23,
  INCOMPATIBLE_CLIENT: 27,
  CATALOG_NOT_FOUND: 44,
  SCHEMA_NOT_FOUND: 45,
  TABLE_NOT_FOUND: 46,
  COLUMN_NOT_FOUND: 47,
};

/** A user error by its Trino name. */
export function userError(errorName: keyof typeof userErrorCodes & string, message: string): TrinoWireError {
  return {
    message,
    errorCode: userErrorCodes[errorName] ?? 0,
    errorName,
    errorType: 'USER_ERROR',
    failureInfo: { type: 'io.trino.spi.TrinoException', message, stack: ['io.trino.emulated.Frame.run(Frame.java:1)'] },
  };
}

/** Trino's error for a query past `query_max_run_time`. */
export function timeLimitError(limit: string): TrinoWireError {
  const message = `Query exceeded maximum time limit of ${limit}`;
  return { message, errorCode: 131_075, errorName: 'EXCEEDED_TIME_LIMIT', errorType: 'INSUFFICIENT_RESOURCES', failureInfo: { type: 'io.trino.spi.TrinoException', message, stack: [] } };
}

/** A DuckDB failure as Trino would classify it; a write the read-only database refused depends on the transaction. */
export function fromDuckDbError(error: unknown, inReadOnlyTransaction: boolean): TrinoWireError {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  if (/read-only mode/.test(message)) {
    return inReadOnlyTransaction
      ? userError('READ_ONLY_VIOLATION', 'Cannot execute write in a read-only transaction')
      : userError('PERMISSION_DENIED', 'Access Denied: the emulated user may only SELECT');
  }
  if (message.startsWith('Parser Error')) return { ...userError('SYNTAX_ERROR', message), errorLocation: { lineNumber: 1, columnNumber: 1 } };
  if (/^Catalog Error: Table with name/.test(message)) return userError('TABLE_NOT_FOUND', message);
  if (/^Binder Error: Referenced column/.test(message)) return userError('COLUMN_NOT_FOUND', message);
  if (/^Catalog Error: .*Function with name/.test(message)) return userError('FUNCTION_NOT_FOUND', message);
  if (message.startsWith('Conversion Error')) return userError('INVALID_CAST_ARGUMENT', message);
  return userError('GENERIC_USER_ERROR', message);
}

/** Whether the text holds a semicolon outside string literals, quoted names and comments (Trino takes one statement, with none). */
export function hasSemicolon(sql: string): boolean {
  const code = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return code.includes(';');
}

/** Transaction control the emulator answers itself. */
export type TransactionStatement = { readonly kind: 'start'; readonly readOnly: boolean } | { readonly kind: 'commit' | 'rollback' };

/** The transaction statement the text is, if it is one. */
export function transactionStatement(sql: string): TransactionStatement | undefined {
  const text = sql.trim().replace(/\s+/g, ' ').toUpperCase();
  if (text.startsWith('START TRANSACTION')) return { kind: 'start', readOnly: /\bREAD ONLY\b/.test(text) };
  if (text === 'COMMIT' || text === 'COMMIT WORK') return { kind: 'commit' };
  if (text === 'ROLLBACK' || text === 'ROLLBACK WORK') return { kind: 'rollback' };
  return undefined;
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const metadataViews: Readonly<Record<string, (catalog: string) => string>> = {
  columns: (catalog) =>
    `(SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, column_default, is_nullable, lower(data_type) AS data_type, column_comment AS comment FROM information_schema.columns WHERE table_catalog = ${quoted(catalog)})`,
  tables: (catalog) =>
    `(SELECT table_catalog, table_schema, table_name, table_type, table_comment FROM information_schema.tables WHERE table_catalog = ${quoted(catalog)})`,
  schemata: (catalog) => `(SELECT catalog_name, schema_name FROM information_schema.schemata WHERE catalog_name = ${quoted(catalog)})`,
};

/**
 * The statement with Trino's metadata relations replaced by DuckDB subqueries of the same shape:
 * `<catalog>.information_schema.<table>` (a catalog's own, which DuckDB has no spelling for), an
 * unqualified `information_schema.<table>` (the session catalog's) and `system.metadata.table_comments`.
 */
export function rewriteMetadataRelations(sql: string, sessionCatalog: string): string {
  return sql
    .replace(/(?<![.\w"])(?:(?:"((?:[^"]|"")+)"|(\w+))\.)?information_schema\.(columns|tables|schemata)\b/gi, (whole, quotedCatalog?: string, bareCatalog?: string, table?: string) => {
      const view = metadataViews[String(table).toLowerCase()];
      const catalog = quotedCatalog?.replaceAll('""', '"') ?? bareCatalog?.toLowerCase() ?? sessionCatalog;
      return view === undefined ? whole : view(catalog);
    })
    .replace(/\bsystem\.metadata\.table_comments\b/gi, '(SELECT table_catalog AS catalog_name, table_schema AS schema_name, table_name, table_comment AS comment FROM information_schema.tables)');
}

/** Session properties of `X-Trino-Session` (`name=value` pairs, values URL-encoded). */
export function sessionProperties(header: string | undefined): Map<string, string> {
  const properties = new Map<string, string>();
  for (const pair of (header ?? '').split(',')) {
    const separator = pair.indexOf('=');
    if (separator > 0) properties.set(pair.slice(0, separator).trim(), decodeURIComponent(pair.slice(separator + 1).trim()));
  }
  return properties;
}

const durationUnits: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of an airlift Duration (`200ms`, `1.5s`, `5m`); undefined when it is not one. */
export function durationMs(text: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|ms|s|m|h|d)\s*$/.exec(text ?? '');
  return match === null ? undefined : Number(match[1]) * (durationUnits[match[2]!] ?? 1);
}
