import type { DuckDBDataChunk, DuckDBType } from '@duckdb/node-api';
import type { SourceDialectName } from '../dialects/sql-dialect.js';

/** What an engine can do for us; callers and tests branch on these flags, never on the kind. */
export interface ConnectorCapabilities {
  /** Queries run inside a read-only transaction or session enforced by the engine. */
  readonly readOnlyTransactions: boolean;
  /** The engine aborts a statement that runs longer than the requested timeout. */
  readonly statementTimeout: boolean;
  /** A running statement can be cancelled from another call (AbortSignal honoured server-side). */
  readonly cancel: boolean;
  /** Results can be read incrementally instead of buffered whole. */
  readonly streaming: boolean;
  /** The engine reports how many bytes a query scanned (per-byte billing, e.g. Athena). */
  readonly bytesScanned: boolean;
}

/** One result column as the engine describes it. */
export interface ResultColumn {
  /** Column name or alias as returned by the engine. */
  readonly name: string;
  /** Engine type name, lower-case (e.g. `integer`, `varchar`, `timestamp`). */
  readonly type: string;
}

/** Rows returned by one statement, already converted to JSON-safe values. */
export interface QueryResult {
  /** Columns in select-list order. */
  readonly columns: ResultColumn[];
  /** Rows as arrays aligned with `columns`; dates as ISO strings, big integers as strings. */
  readonly rows: unknown[][];
  /** True when the engine had more rows than `maxRows` and the rest were not read. */
  readonly truncated: boolean;
  /** Bytes scanned, when the engine reports it. */
  readonly bytesScanned?: number;
}

/**
 * Rows returned by one statement as an in-process DuckDB's own data chunks, not converted to JavaScript
 * values: another in-process DuckDB appends them as they are (the combine step of a federated answer).
 */
export interface ChunkQueryResult {
  /** Columns in select-list order, with DuckDB's type names as `execute` reports them. */
  readonly columns: ResultColumn[];
  /** DuckDB's type of each column. */
  readonly types: readonly DuckDBType[];
  /** The result's chunks in order, holding `rowCount` rows (and, when `truncated`, rows past them that must not be used). */
  readonly chunks: readonly DuckDBDataChunk[];
  /** Rows read, at most `maxRows`. */
  readonly rowCount: number;
  /** True when the engine had more rows than `maxRows`. */
  readonly truncated: boolean;
}

/** Per-call limits for `execute`. */
export interface ExecuteOptions {
  /** Rows to read at most; one more is fetched to detect truncation. */
  readonly maxRows: number;
  /** Statement timeout in milliseconds. */
  readonly timeoutMs: number;
  /** Aborts the statement (and cancels it server-side where `capabilities.cancel`). */
  readonly signal?: AbortSignal;
}

/** A column found by introspection. */
export interface IntrospectedColumn {
  /** Column name. */
  readonly name: string;
  /** Engine type name, lower-case. */
  readonly type: string;
  /** Whether the column accepts NULL. */
  readonly nullable: boolean;
  /** Engine-side comment, when the engine stores one. */
  readonly comment?: string;
}

/** A table (or view) found by introspection. */
export interface IntrospectedTable {
  /** Table name as it must be written in SQL (unqualified when the connector's default schema holds it). */
  readonly name: string;
  /** Columns in ordinal order. */
  readonly columns: IntrospectedColumn[];
  /** Engine-side comment, when the engine stores one. */
  readonly comment?: string;
  /** Foreign keys: this table's column → referenced table and column. */
  readonly foreignKeys?: { column: string; referencedTable: string; referencedColumn: string }[];
  /** Sample rows the source documents itself (OpenAPI response examples); when present the catalog reads none. */
  readonly sampleRows?: unknown[][];
}

/** The request language a source speaks: SQL (the default) or one HTTP GET built from a validated plan. */
export type RequestLanguage = 'sql' | 'http-get';

/** A model's choice of one HTTP GET operation and its parameter values, for `http-get` sources. */
export interface HttpRequestPlan {
  /** operationId of a GET operation in the source's OpenAPI document. */
  readonly operation: string;
  /** Parameter values by parameter name (path and query parameters). */
  readonly parameters: Record<string, unknown>;
}

/** The part of a parameter's JSON schema that decides which values a request may carry. */
export interface HttpParameterSchema {
  /** JSON type, or a list of types. */
  readonly type?: string | string[];
  /** The only values allowed, when the document lists them. */
  readonly enum?: unknown[];
  /** The value the server uses when the parameter is left out. */
  readonly default?: unknown;
}

/** A path or query parameter of a GET operation. */
export interface HttpOperationParameter {
  /** Parameter name. */
  readonly name: string;
  /** Where it goes. */
  readonly in: 'path' | 'query';
  /** Whether every request needs it (path parameters always do). */
  readonly required: boolean;
  /** Its schema. */
  readonly schema: HttpParameterSchema;
}

/** A GET operation's path template and parameters: what a request for it is built from. */
export interface HttpOperationShape {
  /** operationId. */
  readonly operationId: string;
  /** Path template, e.g. `/weather/{city}`. */
  readonly path: string;
  /** Path and query parameters. */
  readonly parameters: readonly HttpOperationParameter[];
}

/** What an `http-get` source offers the pipeline besides `execute`, which takes the request text. */
export interface HttpRequestPlanner {
  /** The named GET operation's path and parameters; SWY_ERR_QUERY_FAILED for an operation the document does not have. */
  describeOperation(operation: string): Promise<HttpOperationShape>;
  /** Prompt text for the named operations: method, path, summary and every parameter's schema. */
  describeOperations(operations: readonly string[]): Promise<string>;
  /**
   * Validates a plan against the operation's parameter schema and renders the request text
   * `execute` takes (`GET /path?query`); SWY_ERR_QUERY_FAILED lists every problem, for repair.
   */
  renderRequest(plan: HttpRequestPlan): Promise<string>;
}

/** How the service talks to one engine: execute, introspect, check health, close. */
export interface Connector {
  /** Source name from the catalog configuration. */
  readonly sourceName: string;
  /** Connector kind (`duckdb`, `postgres`, `redshift`, `mysql`, …). */
  readonly kind: string;
  /** The SQL dialect this engine speaks. */
  readonly dialect: SourceDialectName;
  /** Declared capabilities. */
  readonly capabilities: ConnectorCapabilities;
  /** What `execute` takes: SQL when absent; `http-get` sources take request text from `httpRequests`. */
  readonly requestLanguage?: RequestLanguage;
  /** Plan validation and operation descriptions of an `http-get` source; absent for SQL sources. */
  readonly httpRequests?: HttpRequestPlanner;
  /** MySQL: every statement's session reads backslash escapes in strings, as the guard is then told; absent or false elsewhere. */
  readonly backslashEscapes?: boolean;
  /** Runs one read-only statement within the given limits. Errors are SwitchyardErrors. */
  execute(sql: string, options: ExecuteOptions): Promise<QueryResult>;
  /**
   * Runs one read-only statement as `execute` does, within the same limits and errors, and hands over
   * the engine's data chunks instead of JSON-safe rows. Only in-process DuckDB sources have it.
   */
  executeChunks?(sql: string, options: ExecuteOptions): Promise<ChunkQueryResult>;
  /** Lists tables and columns visible to the configured user. */
  introspect(): Promise<IntrospectedTable[]>;
  /** Checks that the engine answers; throws SWY_ERR_SOURCE_UNAVAILABLE when it does not. */
  ping(): Promise<void>;
  /**
   * What the configured login may run that the engine's read-only transaction cannot contain
   * (user-defined routines, dblink, file or administrative privileges), one sentence each; absent
   * where the connector has no such check.
   */
  privilegeWarnings?(): Promise<string[]>;
  /** Releases pools and handles; idempotent. */
  close(): Promise<void>;
}
