import type { Knex } from 'knex';
import mysql from 'mysql2';
import type { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { IntrospectedTable, QueryResult } from '../connector.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { KnexSessionConnector } from '../common/knex-session-connector.js';
import type { NetworkConnection } from '../common/network-connection-schema.js';
import type { StatementWatch } from '../common/statement-watch.js';
import { mapMySqlError } from './mysql-error-mapper.js';
import { introspectMySql, mySqlPrivilegeWarnings, readGuardedSqlMode, readsBackslashEscapes } from './mysql-introspection.js';
import { mySqlTypeCast, mySqlTypeName, mySqlValueToJson, type MySqlField } from './mysql-value-converter.js';

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

/** Runs one statement with parameters and returns its rows as objects. */
function queryRows(connection: MySqlConnection, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    connection.query(sql, values, (error, rows) => (error ? reject(error) : resolve(rows as Record<string, unknown>[])));
  });
}

/**
 * A MySQL, MariaDB or Aurora MySQL source. Pooled sessions are READ ONLY by default (so even DDL,
 * which commits implicitly, is refused) and every statement also runs in START TRANSACTION READ ONLY
 * with the flavour's statement time limit, then is rolled back. MySQL's SET and GET_LOCK are not
 * transactional, so the session is then reset (COM_RESET_CONNECTION: user locks, user and session
 * variables, prepared statements) and its settings applied again before anyone else uses it.
 */
export class MySqlConnector extends KnexSessionConnector<MySqlConnection> {
  readonly kind: string;
  readonly dialect = 'mysql' as const;
  protected override readonly backstopGraceMs = backstopGraceMs;
  private readonly connectionSettings: mysql.ConnectionOptions;
  private flavour: Promise<MySqlFlavour> | undefined;
  /**
   * sql_mode read from the first session (the catalog's introspection or ping) and set on every session
   * after it, so the string rules the guard is told (`backslashEscapes`) are the ones each statement
   * meets, even if the server's global mode changes later (that takes effect when the service restarts).
   */
  private sqlMode: string | undefined;

  constructor(config: ConnectorSource<NetworkConnection>) {
    const connection = config.connection;
    const connectionSettings: mysql.ConnectionOptions = {
      ...(connection.connectionString === undefined ? {} : { uri: connection.connectionString }),
      ...KnexSessionConnector.endpointSettings(connection),
      ...(connection.ssl ? { ssl: {} } : {}),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      multipleStatements: false,
      connectTimeout: KnexSessionConnector.connectTimeoutMs(connection),
    };
    super(config, { client: 'mysql2', connection: connectionSettings as Knex.MySql2ConnectionConfig });
    this.kind = config.kind;
    this.connectionSettings = connectionSettings;
  }

  protected mapError(error: unknown, interruptReason?: InterruptReason): SwitchyardError {
    return mapMySqlError(error, {
      sourceName: this.sourceName,
      ...(this.password === undefined ? {} : { password: this.password }),
      ...(interruptReason === undefined ? {} : { interruptReason }),
    });
  }

  private async detectFlavour(connection: MySqlConnection): Promise<MySqlFlavour> {
    this.flavour ??= queryRows(connection, 'SELECT VERSION() AS version').then((rows) =>
      /mariadb/i.test(String(rows[0]?.['version'])) ? 'mariadb' : 'mysql',
    );
    return this.flavour.catch((error: unknown) => {
      this.flavour = undefined;
      throw error;
    });
  }

  /** True once the first session found that strings take backslash escapes; until then the guard keeps the strict rule. */
  get backslashEscapes(): boolean {
    return this.sqlMode !== undefined && readsBackslashEscapes(this.sqlMode);
  }

  protected async beginReadOnly(connection: MySqlConnection, timeoutMs: number): Promise<void> {
    const milliseconds = Math.max(1, Math.floor(timeoutMs));
    const timeLimit =
      (await this.detectFlavour(connection)) === 'mariadb'
        ? `max_statement_time = ${(milliseconds / 1000).toFixed(3)}`
        : `max_execution_time = ${milliseconds}`;
    await queryRows(connection, `SET SESSION ${timeLimit}, sql_mode = ?`, [await this.pinnedSqlMode(connection)]);
    await queryRows(connection, 'START TRANSACTION READ ONLY');
  }

  /** The sql_mode every session runs with: the first one read wins, so what the guard was told never changes. */
  private async pinnedSqlMode(connection: MySqlConnection): Promise<string> {
    if (this.sqlMode === undefined) {
      const read = await readGuardedSqlMode((sql, values) => queryRows(connection, sql, values));
      this.sqlMode ??= read;
    }
    return this.sqlMode;
  }

  protected async prepareSession(connection: MySqlConnection): Promise<void> {
    await queryRows(connection, 'SET SESSION TRANSACTION READ ONLY');
    await queryRows(connection, "SET time_zone = '+00:00'");
  }

  protected clearSession(connection: MySqlConnection): Promise<void> {
    return new Promise((resolve, reject) => connection.reset((error) => (error ? reject(error) : resolve())));
  }

  protected async closeSession(connection: MySqlConnection): Promise<void> {
    connection.destroy();
  }

  protected sendStatement(connection: MySqlConnection, sql: string): Promise<unknown> {
    return queryRows(connection, sql);
  }

  /** KILL QUERY from a separate, unpooled session (the pool may be full). */
  protected async interruptStatement(connection: MySqlConnection): Promise<void> {
    const threadId = connection.threadId;
    if (threadId === null) return;
    const killer = mysql.createConnection(this.connectionSettings);
    try {
      await queryRows(killer, `KILL QUERY ${Math.floor(threadId)}`);
    } finally {
      killer.destroy();
    }
  }

  protected async runStatement(connection: MySqlConnection, sql: string, maxRows: number, watch: StatementWatch): Promise<QueryResult> {
    const { fields, rows, rowCount } = await streamStatement(connection, sql, maxRows);
    watch.throwIfInterrupted();
    return {
      columns: fields.map((field) => ({ name: field.name, type: mySqlTypeName(field) })),
      rows: rows.map((row) => row.map((value, index) => mySqlValueToJson(value, fields[index] ?? { name: '' }))),
      truncated: rowCount > maxRows,
    };
  }

  protected introspectSession(connection: MySqlConnection): Promise<IntrospectedTable[]> {
    return introspectMySql((sql, values) => queryRows(connection, sql, values));
  }

  protected introspectPrivileges(connection: MySqlConnection): Promise<string[]> {
    return mySqlPrivilegeWarnings((sql, values) => queryRows(connection, sql, values));
  }
}
