/** The ways a client reaches the service. */
export type AuditChannel = 'rest' | 'mcp';

/** One extraction of a federated answer, as the audit keeps it: never its rows. */
export interface AuditedPart {
  /** The source the part read. */
  readonly source: string;
  /** The table it read. */
  readonly table: string;
  /** The extraction SQL as it ran on the source. */
  readonly sql: string;
  /** Rows it moved. */
  readonly rows: number;
  /** Its time in milliseconds. */
  readonly milliseconds: number;
}

/** One audited question: who asked, what ran, what happened. Never row data, never keys. */
export interface AuditRecord {
  /** ISO time the question finished. */
  readonly time: string;
  /** Request id (also in the service log). */
  readonly requestId: string;
  /** Client name from the API key, or `anonymous` when auth is off. */
  readonly client: string;
  /** How the client called: the REST API (`rest`) or the Model Context Protocol (`mcp`, over HTTP or stdio). */
  readonly channel: AuditChannel;
  /** The question as asked; for SQL a client wrote itself (the MCP run_sql tool), that SQL as sent. */
  readonly question: string;
  /** Source that answered (or was routed to), when known. */
  readonly source: string | null;
  /** Final SQL, when any was generated. */
  readonly sql: string | null;
  /** Each extraction of a federated answer: source, table, the SQL that ran there, rows moved and time; null for a single-source answer. */
  readonly parts: readonly AuditedPart[] | null;
  /** `allowed`, `rejected`, or null when no SQL reached the guard. */
  readonly guardVerdict: 'allowed' | 'rejected' | null;
  /** Rows returned. */
  readonly rowCount: number;
  /** SQL attempts made. */
  readonly attempts: number;
  /** Whether the cache answered. */
  readonly cache: 'hit' | 'miss';
  /** Stage durations in milliseconds (zeros for a failure before the pipeline reported them). */
  readonly durations: Record<string, number>;
  /** HTTP status sent. */
  readonly status: number;
  /** Error code on failure, else null. */
  readonly errorCode: string | null;
}

/** Where audit records go: append-only, one record per question. */
export interface AuditLog {
  /** Appends one record; failures are the caller's to log, never the client's problem. */
  write(record: AuditRecord): Promise<void>;
  /** Flushes and releases the destination. */
  close(): Promise<void>;
}
