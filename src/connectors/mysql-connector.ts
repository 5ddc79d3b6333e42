import knex, { type Knex } from 'knex';
import mysql from 'mysql2';
import type { NetworkConnection, SourceConfig } from '../config/source-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from './connector.js';
import { mapMySqlError } from './mysql-error-mapper.js';
import { introspectMySql } from './mysql-introspection.js';
import { mySqlTypeCast, mySqlTypeName, mySqlValueToJson, type MySqlField } from './mysql-type-names.js';
import { StatementWatch, throwIfAborted } from './statement-watch.js';

const defaultPoolMax = 5;
const defaultConnectTimeoutMs = 10_000;
const introspectionTimeoutMs = 60_000;
// MySQL's max_execution_time covers only SELECT and lets SLEEP() return early without an error,
// so a client-side timer kills anything still running shortly after the server should have.
const backstopGraceMs = 1_000;

/** The callback-style mysql2 connection that knex pools. */
type MySqlConnection = mysql.Connection;

/** Whether the server is MariaDB (max_statement_time, seconds) or MySQL/Aurora (max_execution_time, ms). */
type MySqlFlavour = 'mariadb' | 'mysql';

/** Streams one statement, keeping at most `keep` rows in memory and discarding the rest as they arrive. */
function streamStatement(
  connection: MySqlConnection,
  sql: string,
  keep: number,
): Promise<{ fields: MySqlField[]; rows: unknown[][]; rowCount: number }> {
  return new Promise((resolve, reject) => {
    let fields: MySqlField[] = [];
    const rows: unknown[][] = [];
    let rowCount = 0;
    connection
      .query({ sql, rowsAsArray: true, typeCast: mySqlTypeCast as mysql.TypeCast })
      .on('error', reject)
      .on('fields', (received: MySqlField[]) => {
        if (fields.length === 0) fields = received;
      })
      .on('result', (row: unknown) => {
        if (!Array.isArray(row)) return;
        rowCount += 1;
        if (rows.length < keep) rows.push(row);
      })
      .on('end', () => resolve({ fields, rows, rowCount }));
  });
}

function runStatement(connection: MySqlConnection, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    connection.query(sql, values, (error, rows) => (error ? reject(error) : resolve(rows as Record<string, unknown>[])));
  });
}

/**
 * A MySQL, MariaDB or Aurora MySQL source. Pooled sessions are READ ONLY by default (so even DDL,
 * which commits implicitly, is refused) and every statement also runs in START TRANSACTION READ ONLY
 * with the flavour's statement time limit, then is rolled back.
 */
export class MySqlConnector implements Connector {
  readonly kind: string;
  readonly dialect = 'mysql' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: true,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: false,
  };
  readonly sourceName: string;
  private readonly connectionSettings: mysql.ConnectionOptions;
  private readonly password: string | undefined;
  private readonly database: Knex;
  private flavour: Promise<MySqlFlavour> | undefined;
  private closed = false;

  constructor(config: SourceConfig) {
    const connection = config.connection as NetworkConnection;
    this.kind = config.kind;
    this.sourceName = config.name;
    this.password = connection.password;
    const connectTimeoutMs = connection.connectTimeoutMs ?? defaultConnectTimeoutMs;
    this.connectionSettings = {
      ...(connection.connectionString === undefined ? {} : { uri: connection.connectionString }),
      ...(connection.host === undefined ? {} : { host: connection.host }),
      ...(connection.port === undefined ? {} : { port: connection.port }),
      ...(connection.user === undefined ? {} : { user: connection.user }),
      ...(connection.password === undefined ? {} : { password: connection.password }),
      ...(connection.database === undefined ? {} : { database: connection.database }),
      ...(connection.ssl ? { ssl: {} } : {}),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      multipleStatements: false,
      connectTimeout: connectTimeoutMs,
    };
    this.database = knex({
      client: 'mysql2',
      connection: this.connectionSettings as Knex.MySql2ConnectionConfig,
      pool: {
        min: 0,
        max: connection.poolMax ?? defaultPoolMax,
        afterCreate: (created: MySqlConnection, done: (error: Error | null, connection: MySqlConnection) => void) => {
          runStatement(created, 'SET SESSION TRANSACTION READ ONLY')
            .then(() => runStatement(created, "SET time_zone = '+00:00'"))
            .then(() => done(null, created), (error: Error) => done(error, created));
        },
      },
      acquireConnectionTimeout: connectTimeoutMs,
      log: { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined },
    });
  }

  private context(interruptReason?: 'timeout' | 'cancelled') {
    return {
      sourceName: this.sourceName,
      ...(this.password === undefined ? {} : { password: this.password }),
      ...(interruptReason === undefined ? {} : { interruptReason }),
    };
  }

  private async detectFlavour(connection: MySqlConnection): Promise<MySqlFlavour> {
    this.flavour ??= runStatement(connection, 'SELECT VERSION() AS version').then((rows) =>
      /mariadb/i.test(String(rows[0]?.['version'])) ? 'mariadb' : 'mysql',
    );
    return this.flavour.catch((error: unknown) => {
      this.flavour = undefined;
      throw error;
    });
  }

  private async timeoutStatement(connection: MySqlConnection, timeoutMs: number): Promise<string> {
    const milliseconds = Math.max(1, Math.floor(timeoutMs));
    return (await this.detectFlavour(connection)) === 'mariadb'
      ? `SET SESSION max_statement_time = ${(milliseconds / 1000).toFixed(3)}`
      : `SET SESSION max_execution_time = ${milliseconds}`;
  }

  /** Runs `work` on a pooled session inside a READ ONLY transaction that is always rolled back. */
  private async inReadOnlyTransaction<T>(timeoutMs: number, work: (connection: MySqlConnection) => Promise<T>): Promise<T> {
    if (this.closed) {
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${this.sourceName}" is closed`, {
        details: { source: this.sourceName },
      });
    }
    let connection: MySqlConnection;
    try {
      connection = (await this.database.client.acquireConnection()) as MySqlConnection;
    } catch (error) {
      throw mapMySqlError(error, this.context());
    }
    try {
      await runStatement(connection, await this.timeoutStatement(connection, timeoutMs));
      await runStatement(connection, 'START TRANSACTION READ ONLY');
      return await work(connection);
    } finally {
      await runStatement(connection, 'ROLLBACK').catch(() => undefined);
      await this.database.client.releaseConnection(connection);
    }
  }

  /** KILL QUERY from a separate, unpooled session (the pool may be full). */
  private async killQuery(threadId: number | null): Promise<void> {
    if (threadId === null) return;
    const killer = mysql.createConnection(this.connectionSettings);
    try {
      await runStatement(killer, `KILL QUERY ${Math.floor(threadId)}`);
    } finally {
      killer.destroy();
    }
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    let watch: StatementWatch | undefined;
    try {
      return await this.inReadOnlyTransaction(options.timeoutMs, async (connection) => {
        watch = new StatementWatch(() => this.killQuery(connection.threadId), {
          timeoutMs: options.timeoutMs + backstopGraceMs,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        const { fields, rows, rowCount } = await streamStatement(connection, sql, options.maxRows);
        if (watch.reason !== undefined) throw new Error('The statement was interrupted');
        return {
          columns: fields.map((field) => ({ name: field.name, type: mySqlTypeName(field) })),
          rows: rows.map((row) => row.map((value, index) => mySqlValueToJson(value, fields[index] ?? { name: '' }))),
          truncated: rowCount > options.maxRows,
        };
      });
    } catch (error) {
      throw mapMySqlError(error, this.context(watch?.reason));
    } finally {
      watch?.dispose();
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    try {
      return await this.inReadOnlyTransaction(introspectionTimeoutMs, (connection) =>
        introspectMySql((sql, values) => runStatement(connection, sql, values)),
      );
    } catch (error) {
      throw mapMySqlError(error, this.context());
    }
  }

  async ping(): Promise<void> {
    try {
      await this.inReadOnlyTransaction(defaultConnectTimeoutMs, (connection) => runStatement(connection, 'SELECT 1'));
    } catch (error) {
      const mapped = mapMySqlError(error, this.context());
      if (mapped.code === 'SWY_ERR_SOURCE_UNAVAILABLE') throw mapped;
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${this.sourceName}" did not answer: ${mapped.message}`, {
        details: { source: this.sourceName },
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.database.destroy();
  }
}
