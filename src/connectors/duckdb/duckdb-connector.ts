import type { DuckDBConnection } from '@duckdb/node-api';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { ChunkQueryResult, Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from '../connector.js';
import { closedSourceError } from '../common/source-unavailable.js';
import { StatementWatch, throwIfAborted } from '../common/statement-watch.js';
import { isPoolStopped } from './duckdb-connection-pool.js';
import type { DuckDbConnection } from './duckdb-connection-schema.js';
import { mapDuckDbError } from './duckdb-error-mapper.js';
import type { InstanceCondition } from './duckdb-instance-state.js';
import { introspectDuckDb } from './duckdb-introspection.js';
import { DuckDbSandboxedInstance } from './duckdb-sandboxed-instance.js';
import { readDuckDbChunks, readDuckDbRows } from './duckdb-result-reader.js';

// DuckDB clears an interrupt that lands before a statement starts, so a stopped statement is
// interrupted again at this interval until it has really ended.
const interruptEveryMs = 50;

/**
 * An embedded DuckDB source, run in a sandboxed instance (see DuckDbSandboxedInstance). After every
 * statement the instance-wide settings are compared with those it was locked with; what a statement
 * changed is put back, and an instance that cannot be put back is replaced by a fresh one.
 */
export class DuckDbConnector implements Connector {
  readonly kind = 'duckdb';
  readonly dialect = 'duckdb' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: true,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: false,
  };
  readonly sourceName: string;
  private readonly connection: DuckDbConnection;
  private opened: Promise<DuckDbSandboxedInstance> | undefined;
  private current: DuckDbSandboxedInstance | undefined;
  // Kept referenced for the life of the process: collecting one would close it, which aborts the process.
  private readonly abandoned: DuckDbSandboxedInstance[] = [];
  private closed = false;

  constructor(config: ConnectorSource<DuckDbConnection>) {
    this.sourceName = config.name;
    this.connection = config.connection;
    const database = this.databasePath();
    if (database === undefined && Object.keys(this.connection.views ?? {}).length === 0) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `DuckDB source "${config.name}" needs a database file or views`, {
        details: { source: config.name },
      });
    }
  }

  private databasePath(): string | undefined {
    const database = this.connection.database;
    return database === undefined || database === ':memory:' ? undefined : database;
  }

  private ready(): Promise<DuckDbSandboxedInstance> {
    if (this.closed) return Promise.reject(closedSourceError(this.sourceName));
    return (this.opened ??= DuckDbSandboxedInstance.open(this.connection, (sandbox) => this.keepInstanceIntact(sandbox)).then(
      (sandbox) => {
        this.current = sandbox;
        return sandbox;
      },
      (error: unknown) => {
        this.opened = undefined;
        throw mapDuckDbError(error, { sourceName: this.sourceName, opening: true });
      },
    ));
  }

  /**
   * Puts back what a statement changed on the instance, or replaces an instance that cannot be put
   * back. False when the instance can no longer serve at all.
   */
  private async keepInstanceIntact(sandbox: DuckDbSandboxedInstance): Promise<boolean> {
    const condition = await sandbox.state.check(sandbox.instance).catch((): InstanceCondition => 'unusable');
    if (condition === 'intact' || condition === 'restored') return true;
    if (this.current === sandbox) {
      this.current = undefined;
      this.opened = undefined;
      if (condition === 'changed') void sandbox.retire().catch(() => undefined);
      else {
        this.abandoned.push(sandbox);
        void sandbox.abandon().catch(() => undefined);
      }
    }
    return condition !== 'unusable';
  }

  execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    return this.runStatement(sql, options, readDuckDbRows);
  }

  executeChunks(sql: string, options: ExecuteOptions): Promise<ChunkQueryResult> {
    return this.runStatement(sql, options, readDuckDbChunks);
  }

  /** Runs one statement on a pooled connection within its timeout and signal, its result read by `read`. */
  private async runStatement<Result>(sql: string, options: ExecuteOptions, read: (connection: DuckDBConnection, sql: string, maxRows: number) => Promise<Result>): Promise<Result> {
    throwIfAborted(options.signal, this.sourceName);
    const sandbox = await this.ready();
    let running: DuckDBConnection | undefined;
    // Started before a connection is free: the timeout bounds the wait for one as well as the statement.
    const watch = new StatementWatch(() => running?.interrupt(), {
      timeoutMs: options.timeoutMs,
      repeatEveryMs: interruptEveryMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    try {
      return await sandbox.pool.use(watch.stopped, async (connection) => {
        running = connection;
        try {
          const result = await read(connection, sql, options.maxRows);
          watch.throwIfInterrupted();
          return result;
        } finally {
          // The pool checks the instance next; no interrupt may land on that check.
          running = undefined;
          watch.dispose();
        }
      });
    } catch (error) {
      if (watch.reason === undefined && this.closed) throw closedSourceError(this.sourceName);
      // Its instance was replaced before the statement started: a source error the resilient connector
      // retries on the new instance, never a query error the model would be asked to repair.
      if (watch.reason === undefined && isPoolStopped(error)) {
        throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${this.sourceName}" was replacing its DuckDB instance; the statement did not start.`, {
          details: { source: this.sourceName },
          cause: error,
        });
      }
      throw mapDuckDbError(error, { sourceName: this.sourceName, ...(watch.reason ? { interruptReason: watch.reason } : {}) });
    } finally {
      running = undefined;
      watch.dispose();
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    const { pool } = await this.ready();
    return pool.use(undefined, (connection) =>
      introspectDuckDb(connection).catch((error: unknown) => {
        throw mapDuckDbError(error, { sourceName: this.sourceName });
      }),
    );
  }

  async ping(): Promise<void> {
    const { pool } = await this.ready();
    await pool.use(undefined, (connection) => connection.run('SELECT 1')).catch((error: unknown) => {
      throw mapDuckDbError(error, { sourceName: this.sourceName, opening: true });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const opened = await this.opened?.catch(() => undefined);
    this.opened = undefined;
    this.current = undefined;
    await Promise.all([opened?.close(), ...this.abandoned.map((sandbox) => sandbox.abandon())]);
  }
}
