import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from '../connector.js';
import { asSourceUnavailable, closedSourceError } from '../common/source-unavailable.js';
import { StatementWatch, throwIfAborted } from '../common/statement-watch.js';
import type { TrinoConnection } from './trino-connection-schema.js';
import { mapTrinoError } from './trino-error-mapper.js';
import { introspectTrino } from './trino-introspection.js';
import { TrinoStatementClient } from './trino-statement-client.js';
import { trinoTypeName, trinoValueToJson } from './trino-value-converter.js';

const defaultRequestTimeoutMs = 10_000;
const introspectionTimeoutMs = 120_000;
const introspectionMaxRows = 100_000;
// Trino checks query time limits periodically; our own deadline cancels a little later as a backstop.
const backstopGraceMs = 1_000;
// Transaction control statements return no rows.
const controlStatementRows = 0;

/** Options for tests: the fetch to use (a stand-in for a TLS-terminating proxy in front of the emulator). */
export interface TrinoConnectorOptions {
  /** Replaces the global fetch. */
  readonly fetch?: typeof fetch;
}

function sessionHeader(properties: Readonly<Record<string, string>>): string {
  return Object.entries(properties)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join(',');
}

/**
 * Trino through its REST client protocol (see TrinoStatementClient). Each query runs in its own
 * `START TRANSACTION READ ONLY`, so the engine itself refuses any write (READ_ONLY_VIOLATION) in every
 * catalog; a Trino user with SELECT-only access and the guard are the other controls. The statement
 * timeout is the session property `query_max_run_time` (it counts queued time too, which the caller
 * waits through as well), backed by our own deadline; a timeout, a caller's abort or enough rows
 * cancel the query on the coordinator with a DELETE of its `nextUri`.
 */
export class TrinoConnector implements Connector {
  readonly kind = 'trino';
  readonly dialect = 'trino' as const;
  readonly capabilities: ConnectorCapabilities;
  readonly sourceName: string;
  private readonly connection: TrinoConnection;
  private readonly client: TrinoStatementClient;
  private readonly requestTimeoutMs: number;
  private readonly readOnlyTransaction: boolean;
  private readonly pendingRollbacks = new Set<Promise<unknown>>();
  private closed = false;

  constructor(config: ConnectorSource<TrinoConnection>, options: TrinoConnectorOptions = {}) {
    this.sourceName = config.name;
    this.connection = config.connection;
    const connection = this.connection;
    const server = new URL(connection.server);
    if (connection.password !== undefined && server.protocol !== 'https:') {
      throw new SwitchyardError(
        'SWY_ERR_CONFIG_INVALID',
        `Trino source "${config.name}": a password is sent only over TLS; make connection.server an https:// URL (Trino refuses passwords over http)`,
        { details: { source: config.name } },
      );
    }
    this.readOnlyTransaction = connection.readOnlyTransaction ?? true;
    this.capabilities = { readOnlyTransactions: this.readOnlyTransaction, statementTimeout: true, cancel: true, streaming: false, bytesScanned: false };
    this.requestTimeoutMs = connection.connectTimeoutMs ?? defaultRequestTimeoutMs;
    this.client = new TrinoStatementClient({
      server,
      requestTimeoutMs: this.requestTimeoutMs,
      fetch: options.fetch ?? fetch,
      headers: {
        'X-Trino-User': connection.user,
        'X-Trino-Source': 'switchyard',
        'X-Trino-Catalog': connection.catalog,
        'X-Trino-Schema': connection.schema,
        // Timestamps with a time zone then read as UTC, like every other source's.
        'X-Trino-Time-Zone': 'UTC',
        ...(connection.password === undefined
          ? {}
          : { Authorization: `Basic ${Buffer.from(`${connection.user}:${connection.password}`).toString('base64')}` }),
        ...(connection.clientTags === undefined ? {} : { 'X-Trino-Client-Tags': connection.clientTags.join(',') }),
      },
    });
  }

  private mapError(error: unknown, watch?: StatementWatch): SwitchyardError {
    return mapTrinoError(error, {
      sourceName: this.sourceName,
      interruptReason: watch?.reason,
      password: this.connection.password,
      requestTimeoutMs: this.requestTimeoutMs,
    });
  }

  /** Opens a read-only transaction; its id arrives on a poll's `X-Trino-Started-Transaction-Id`. */
  private async startTransaction(watch: StatementWatch, onNextUri: (nextUri: string | undefined) => void): Promise<string> {
    const started = await this.client.run({
      sql: 'START TRANSACTION READ ONLY',
      headers: { 'X-Trino-Transaction-Id': 'NONE' },
      maxRows: controlStatementRows,
      signal: watch.stopped,
      onNextUri,
    });
    if (started.startedTransactionId === undefined) {
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${this.sourceName}" is unavailable: Trino started no transaction`, {
        details: { source: this.sourceName },
      });
    }
    return started.startedTransactionId;
  }

  /**
   * Ends the transaction without waiting for it: read-only, it has nothing to commit, and a query
   * cancelled inside it has already aborted it. `close` waits for the rollbacks still under way.
   */
  private rollBack(transactionId: string): void {
    const rollback = this.client
      .run({ sql: 'ROLLBACK', headers: { 'X-Trino-Transaction-Id': transactionId }, maxRows: controlStatementRows, signal: AbortSignal.timeout(this.requestTimeoutMs) })
      .catch(() => undefined);
    this.pendingRollbacks.add(rollback);
    void rollback.finally(() => this.pendingRollbacks.delete(rollback));
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    if (this.closed) throw closedSourceError(this.sourceName);
    const deadline = Date.now() + options.timeoutMs;
    const current: { nextUri?: string | undefined; cancelling?: Promise<void> } = {};
    const onNextUri = (nextUri: string | undefined) => (current.nextUri = nextUri);
    const watch = new StatementWatch(() => (current.nextUri === undefined ? undefined : (current.cancelling = this.client.cancel(current.nextUri))), {
      timeoutMs: options.timeoutMs + backstopGraceMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    let transactionId: string | undefined;
    try {
      if (this.readOnlyTransaction) transactionId = await this.startTransaction(watch, onNextUri);
      const session = { ...this.connection.sessionProperties, query_max_run_time: `${Math.max(1, deadline - Date.now())}ms` };
      const result = await this.client.run({
        // Trino takes one statement and refuses a trailing semicolon.
        sql: sql.replace(/[\s;]+$/, ''),
        headers: { 'X-Trino-Session': sessionHeader(session), ...(transactionId === undefined ? {} : { 'X-Trino-Transaction-Id': transactionId }) },
        maxRows: options.maxRows,
        signal: watch.stopped,
        onNextUri,
      });
      watch.throwIfInterrupted();
      return {
        columns: result.columns.map((column) => ({ name: column.name, type: trinoTypeName(column) })),
        rows: result.rows.slice(0, options.maxRows).map((row) => row.map((value, index) => trinoValueToJson(value, result.columns[index] ?? { name: '', type: 'unknown' }))),
        truncated: result.truncated,
      };
    } catch (error) {
      // A cancelled query is reported once the coordinator has been told to stop it.
      await current.cancelling;
      throw this.mapError(error, watch);
    } finally {
      watch.dispose();
      if (transactionId !== undefined) this.rollBack(transactionId);
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    return introspectTrino((sql) => this.execute(sql, { maxRows: introspectionMaxRows, timeoutMs: introspectionTimeoutMs }), this.connection);
  }

  async ping(): Promise<void> {
    try {
      await this.execute('SELECT 1', { maxRows: 1, timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      throw asSourceUnavailable(this.mapError(error), this.sourceName, error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.pendingRollbacks);
  }
}
