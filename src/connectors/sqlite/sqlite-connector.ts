import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult, ResultColumn } from '../connector.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { jsonSafeValue } from '../common/json-safe-values.js';
import { sourceErrors } from '../common/source-error-factory.js';
import { asSourceUnavailable, closedSourceError } from '../common/source-unavailable.js';
import { throwIfAborted } from '../common/statement-watch.js';
import type { SqliteConnection } from './sqlite-connection-schema.js';
import { introspectSqlite } from './sqlite-introspection.js';
import { sqliteWorkerScript } from './sqlite-worker-script.js';

/** What the worker answers to one statement. */
interface WorkerReply {
  /** The id of the statement message this answers. */
  readonly id: number;
  /** Result columns, on success. */
  readonly columns?: ResultColumn[];
  /** At most `maxRows` rows, integers still as bigint, on success. */
  readonly rows?: unknown[][];
  /** True when the statement had more than `maxRows` rows. */
  readonly truncated?: boolean;
  /** SQLite's own message, when the statement failed. */
  readonly error?: string;
}

/** A running worker holding one in-memory copy of the database. */
interface OpenWorker {
  /** The worker thread. */
  readonly worker: Worker;
  /** Settles once the worker has loaded the file: resolves, or rejects with SWY_ERR_SOURCE_UNAVAILABLE. */
  readonly ready: Promise<void>;
}

const sqlJsPath = createRequire(import.meta.url).resolve('sql.js');

/**
 * A SQLite database file, queried through sql.js (SQLite compiled to WebAssembly). sql.js reads
 * the WHOLE file into memory when the source opens and never writes it back, so this kind suits
 * small and medium files (benchmark databases, extracts), not multi-gigabyte ones. Writes are
 * refused by the engine (`PRAGMA query_only`) and could only ever touch the in-memory copy.
 *
 * SQLite runs synchronously, so the database lives in a worker thread: a statement past its
 * timeout, or whose caller aborts, is stopped by terminating the worker; the next statement starts
 * a fresh worker (re-reading the file). Statements run one at a time, in arrival order.
 */
export class SqliteConnector implements Connector {
  readonly kind = 'sqlite';
  readonly dialect = 'sqlite' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: true,
    statementTimeout: true,
    cancel: true,
    streaming: false,
    bytesScanned: false,
  };
  readonly sourceName: string;
  private readonly file: string;
  private current: OpenWorker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;
  private closed = false;

  constructor(config: ConnectorSource<SqliteConnection>) {
    this.sourceName = config.name;
    this.file = config.connection.database;
  }

  private startWorker(): OpenWorker {
    const worker = new Worker(sqliteWorkerScript, { eval: true, workerData: { sqlJsPath, file: this.file } });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const fail = (message: string, cause?: unknown) => reject(sourceErrors.notOpened(this.sourceName, message, cause));
      worker.once('message', (message: { type: string; message?: string }) => {
        if (message.type === 'ready') resolve();
        else fail(message.message ?? 'the worker failed');
      });
      worker.once('error', (error) => fail(error.message, error));
    });
    return { worker, ready };
  }

  private async openWorker(): Promise<OpenWorker> {
    if (this.closed) throw closedSourceError(this.sourceName);
    if (this.current === undefined) this.current = this.startWorker();
    const opened = this.current;
    try {
      await opened.ready;
    } catch (error) {
      if (this.current === opened) this.current = undefined;
      await opened.worker.terminate();
      throw error;
    }
    return opened;
  }

  /** Stops the worker mid-statement; the next statement opens a new one. */
  private discard(opened: OpenWorker): void {
    if (this.current === opened) this.current = undefined;
    void opened.worker.terminate();
  }

  private runInWorker(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    return new Promise<QueryResult>((resolve, reject) => {
      throwIfAborted(options.signal, this.sourceName);
      let opened: OpenWorker | undefined;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const id = (this.nextId += 1);
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        if (reply.error !== undefined) {
          finish(() => reject(sourceErrors.queryFailed(this.sourceName, reply.error!)));
          return;
        }
        const rows = (reply.rows ?? []).map((row) => row.map(jsonSafeValue));
        finish(() => resolve({ columns: reply.columns ?? [], rows, truncated: reply.truncated === true }));
      };
      const onExit = () =>
        finish(() => reject(sourceErrors.unavailable(this.sourceName, 'the worker stopped unexpectedly', undefined)));
      const interrupt = (reason: InterruptReason) => {
        if (settled) return;
        if (opened !== undefined) this.discard(opened);
        finish(() => reject(sourceErrors.interrupted(reason, this.sourceName)));
      };
      const onAbort = () => interrupt('cancelled');
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        opened?.worker.off('message', onMessage);
        opened?.worker.off('exit', onExit);
        settle();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      // The timer covers opening too: a huge file that takes long to read counts against the statement.
      timer = setTimeout(() => interrupt('timeout'), options.timeoutMs);
      this.openWorker().then(
        (worker) => {
          if (settled) return;
          opened = worker;
          worker.worker.on('message', onMessage);
          worker.worker.once('exit', onExit);
          worker.worker.postMessage({ id, sql, maxRows: options.maxRows });
        },
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    if (this.closed) throw closedSourceError(this.sourceName);
    // One statement at a time: the worker is single-threaded and a timeout terminates it whole.
    const run = this.queue.then(() => this.runInWorker(sql, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async introspect(): Promise<IntrospectedTable[]> {
    return introspectSqlite((sql) => this.execute(sql, { maxRows: 100_000, timeoutMs: 60_000 }));
  }

  async ping(): Promise<void> {
    await this.execute('SELECT 1', { maxRows: 1, timeoutMs: 10_000 }).catch((error: unknown) => {
      // execute only ever rejects with SwitchyardErrors; anything else is a defect worth surfacing as is.
      throw SwitchyardError.isInstance(error) ? asSourceUnavailable(error, this.sourceName, error) : error;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const opened = this.current;
    this.current = undefined;
    if (opened !== undefined) await opened.worker.terminate();
  }
}
