import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { DuckDbConnection, SourceConfig } from '../config/source-config.js';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from './connector.js';
import { DuckDbConnectionPool } from './duckdb-connection-pool.js';
import { mapDuckDbError } from './duckdb-error-mapper.js';
import { introspectDuckDb } from './duckdb-introspection.js';
import { duckDbS3SetupStatements, needsS3 } from './duckdb-s3-settings.js';
import { duckDbSandboxAccess, duckDbSandboxInstanceOptions, duckDbSandboxStatements } from './duckdb-sandbox-settings.js';
import { duckDbJsonSafeConverter, duckDbTypeName } from './duckdb-value-converter.js';
import { closedSourceError } from './source-unavailable.js';
import { StatementWatch, throwIfAborted } from './statement-watch.js';

const connectionCount = 3;
const viewsCatalog = 'swy_views';
// DuckDB clears an interrupt that lands before a statement starts, so a stopped statement is
// interrupted again at this interval until it has really ended.
const interruptEveryMs = 50;

/** The SQL expression that reads a file (or glob) by its extension. */
function fileReaderCall(location: string): string {
  const literal = `'${location.replaceAll("'", "''")}'`;
  const lower = location.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return `read_csv_auto(${literal})`;
  if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return `read_json_auto(${literal})`;
  return `read_parquet(${literal}, hive_partitioning = true)`;
}

function absoluteLocation(location: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location) ? location : path.resolve(location);
}

/**
 * An embedded DuckDB source. The database file is opened with access_mode READ_ONLY so the engine
 * refuses writes. Views over files are first written into a private temporary database file that is
 * then reopened READ_ONLY too (an in-memory database cannot be read-only), and attached beside the
 * main database when both are configured. Once set up, the instance is sandboxed (see
 * duckdb-sandbox-settings.ts): external access off except the source's own files, no extension
 * loading, configuration locked, so SQL that slipped past the guard still cannot read or write
 * anything else on the server.
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
  private opened: Promise<{ instance: DuckDBInstance; pool: DuckDbConnectionPool }> | undefined;
  private temporaryDirectory: string | undefined;
  private closed = false;

  constructor(config: SourceConfig) {
    this.sourceName = config.name;
    this.connection = config.connection as DuckDbConnection;
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

  private async buildViewsFile(directory: string, views: Record<string, string>): Promise<string> {
    const file = path.join(directory, `${viewsCatalog}.duckdb`);
    const builder = await DuckDBInstance.create(file, { autoinstall_known_extensions: 'false' });
    const connection = await builder.connect();
    try {
      await this.setUpS3(connection);
      for (const [name, location] of Object.entries(views)) {
        await connection.run(
          `CREATE VIEW ${quoteWithDoubleQuotes(name)} AS SELECT * FROM ${fileReaderCall(absoluteLocation(location))}`,
        );
      }
    } finally {
      connection.closeSync();
      builder.closeSync();
    }
    return file;
  }

  /** Loads httpfs and an S3 secret on an instance whose views read s3:// (secrets are instance-scoped). */
  private async setUpS3(connection: DuckDBConnection): Promise<void> {
    if (!needsS3(this.connection)) return;
    for (const statement of duckDbS3SetupStatements(this.connection)) await connection.run(statement);
  }

  private async open(): Promise<{ instance: DuckDBInstance; pool: DuckDbConnectionPool }> {
    try {
      return await this.openInstance();
    } catch (error) {
      if (this.temporaryDirectory !== undefined) await fs.rm(this.temporaryDirectory, { recursive: true, force: true });
      this.temporaryDirectory = undefined;
      throw error;
    }
  }

  private async openInstance(): Promise<{ instance: DuckDBInstance; pool: DuckDbConnectionPool }> {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'switchyard-duckdb-'));
    this.temporaryDirectory = directory;
    const views = this.connection.views ?? {};
    const viewLocations = Object.values(views).map(absoluteLocation);
    const viewsFile = viewLocations.length > 0 ? await this.buildViewsFile(directory, views) : undefined;
    const database = this.databasePath();
    const instance = await DuckDBInstance.create(
      database ?? viewsFile,
      duckDbSandboxInstanceOptions(path.join(directory, 'spill'), this.connection.threads),
    );
    let searchPath: string | undefined;
    try {
      const setup = await instance.connect();
      try {
        await this.setUpS3(setup);
        if (database !== undefined && viewsFile !== undefined) {
          await setup.run(`ATTACH '${viewsFile.replaceAll("'", "''")}' AS ${viewsCatalog} (READ_ONLY)`);
          const current = (await setup.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0];
          searchPath = `${String(current)}.main,${viewsCatalog}.main`;
        }
        const files = { ...(database === undefined ? {} : { database }), ...(viewsFile === undefined ? {} : { viewsFile }), viewLocations };
        for (const statement of duckDbSandboxStatements(duckDbSandboxAccess(files))) await setup.run(statement);
      } finally {
        setup.closeSync();
      }
    } catch (error) {
      instance.closeSync();
      throw error;
    }
    const pool = new DuckDbConnectionPool(instance, connectionCount, async (connection: DuckDBConnection) => {
      // The search path is one of the two settings a locked configuration still lets a connection set.
      if (searchPath !== undefined) await connection.run(`SET search_path = '${searchPath.replaceAll("'", "''")}'`);
    });
    return { instance, pool };
  }

  private ready(): Promise<{ instance: DuckDBInstance; pool: DuckDbConnectionPool }> {
    if (this.closed) return Promise.reject(closedSourceError(this.sourceName));
    this.opened ??= this.open().catch((error: unknown) => {
      this.opened = undefined;
      throw mapDuckDbError(error, { sourceName: this.sourceName, opening: true });
    });
    return this.opened;
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    const { pool } = await this.ready();
    let running: DuckDBConnection | undefined;
    // Started before a connection is free: the timeout bounds the wait for one as well as the statement.
    const watch = new StatementWatch(() => running?.interrupt(), {
      timeoutMs: options.timeoutMs,
      repeatEveryMs: interruptEveryMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    try {
      return await pool.use(watch.stopped, async (connection) => {
        running = connection;
        return this.readResult(connection, sql, options.maxRows, watch);
      });
    } catch (error) {
      if (watch.reason === undefined && this.closed) throw closedSourceError(this.sourceName);
      throw mapDuckDbError(error, { sourceName: this.sourceName, ...(watch.reason ? { interruptReason: watch.reason } : {}) });
    } finally {
      running = undefined;
      watch.dispose();
    }
  }

  private async readResult(connection: DuckDBConnection, sql: string, maxRows: number, watch: StatementWatch): Promise<QueryResult> {
    const result = await connection.stream(sql);
    const columns = result.columnNames().map((name, index) => ({ name, type: duckDbTypeName(result.columnType(index)) }));
    const rows: unknown[][] = [];
    while (rows.length <= maxRows) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      rows.push(...chunk.convertRows(duckDbJsonSafeConverter).slice(0, maxRows + 1 - rows.length));
    }
    watch.throwIfInterrupted();
    const truncated = rows.length > maxRows;
    return { columns, rows: truncated ? rows.slice(0, maxRows) : rows, truncated };
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
    if (opened !== undefined) {
      await opened.pool.close();
      opened.instance.closeSync();
    }
    if (this.temporaryDirectory !== undefined) await fs.rm(this.temporaryDirectory, { recursive: true, force: true });
  }
}
