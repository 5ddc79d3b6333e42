import fs from 'node:fs';
import snowflake from 'snowflake-sdk';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from '../connector.js';
import { introspectInformationSchema } from '../common/information-schema-introspection.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { asSourceUnavailable, closedSourceError } from '../common/source-unavailable.js';
import { StatementWatch, throwIfAborted } from '../common/statement-watch.js';
import type { SnowflakeConnection } from './snowflake-connection-schema.js';
import { mapSnowflakeError } from './snowflake-error-mapper.js';
import { snowflakeTypeName, snowflakeValueToJson } from './snowflake-value-converter.js';

const defaultPoolMax = 4;
const defaultConnectTimeoutMs = 10_000;
const introspectionTimeoutMs = 120_000;
// STATEMENT_TIMEOUT_IN_SECONDS has whole-second granularity; our own timer cancels a little later as a backstop.
const backstopGraceMs = 1_000;

// The driver logs to a file in the working directory by default; the service reports errors itself.
snowflake.configure({ logLevel: 'OFF' });

type SnowflakeStatement = ReturnType<snowflake.Connection['execute']>;

/**
 * Snowflake through snowflake-sdk over its REST protocol (login-request, query-request), with a
 * bounded pool of sessions. Every statement carries STATEMENT_TIMEOUT_IN_SECONDS; cancel sends the
 * driver's abort-request. Snowflake has no read-only transaction mode, so a role holding only
 * USAGE and SELECT grants plus the guard keep the source read-only.
 */
export class SnowflakeConnector implements Connector {
  readonly kind = 'snowflake';
  readonly dialect = 'snowflake' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: false,
    statementTimeout: true,
    cancel: true,
    streaming: false,
    bytesScanned: false,
  };
  readonly sourceName: string;
  private readonly connection: SnowflakeConnection;
  private readonly pool: ReturnType<typeof snowflake.createPool>;
  private closed = false;

  constructor(config: ConnectorSource<SnowflakeConnection>) {
    this.sourceName = config.name;
    this.connection = config.connection;
    const connection = this.connection;
    const authentication =
      connection.privateKeyPath === undefined
        ? { password: connection.password ?? '' }
        : {
            authenticator: 'SNOWFLAKE_JWT',
            privateKeyPath: connection.privateKeyPath,
            ...(connection.privateKeyPassphrase === undefined ? {} : { privateKeyPass: connection.privateKeyPassphrase }),
          };
    if (connection.privateKeyPath !== undefined && !fs.existsSync(connection.privateKeyPath)) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Snowflake source "${config.name}": the private key file does not exist`, {
        details: { source: config.name },
      });
    }
    this.pool = snowflake.createPool(
      {
        account: connection.account,
        username: connection.username,
        ...authentication,
        database: connection.database,
        schema: connection.schema ?? 'PUBLIC',
        ...(connection.warehouse === undefined ? {} : { warehouse: connection.warehouse }),
        ...(connection.role === undefined ? {} : { role: connection.role }),
        ...(connection.accessUrl === undefined ? {} : { accessUrl: connection.accessUrl }),
        application: 'switchyard',
        timeout: connection.connectTimeoutMs ?? defaultConnectTimeoutMs,
        // NULL must stay null, not the driver's default string "NULL" (which would read as text).
        representNullAsStringNull: false,
        sfRetryMaxLoginRetries: 2,
      } as snowflake.ConnectionOptions,
      // Without an acquire timeout the pool would retry a failing login forever.
      { max: connection.poolMax ?? defaultPoolMax, min: 0, acquireTimeoutMillis: connection.connectTimeoutMs ?? defaultConnectTimeoutMs },
    );
  }

  private mapError(error: unknown, interruptReason?: InterruptReason): SwitchyardError {
    return mapSnowflakeError(error, {
      sourceName: this.sourceName,
      interruptReason,
      secrets: [this.connection.password, this.connection.privateKeyPassphrase],
    });
  }

  /** Runs one statement; the watch cancels it (abort-request) on our timer or the caller's signal. */
  private runStatement(session: snowflake.Connection, sql: string, options: ExecuteOptions, holder: { watch?: StatementWatch }) {
    return new Promise<{ statement: SnowflakeStatement; rows: unknown[][] }>((resolve, reject) => {
      const statement = session.execute({
        sqlText: sql,
        rowMode: 'array',
        fetchAsString: ['Number'],
        parameters: { STATEMENT_TIMEOUT_IN_SECONDS: Math.max(1, Math.ceil(options.timeoutMs / 1000)) },
        complete: (error, completed, rows) => (error ? reject(error) : resolve({ statement: completed, rows: (rows ?? []) as unknown[][] })),
      });
      holder.watch = new StatementWatch(() => new Promise((done) => statement.cancel(() => done(undefined))), {
        timeoutMs: options.timeoutMs + backstopGraceMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    });
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    if (this.closed) throw closedSourceError(this.sourceName);
    const holder: { watch?: StatementWatch } = {};
    try {
      return await this.pool.use(async (session) => {
        const { statement, rows } = await this.runStatement(session, sql, options, holder);
        holder.watch?.throwIfInterrupted();
        const columns = statement.getColumns() ?? [];
        const truncated = rows.length > options.maxRows;
        return {
          columns: columns.map((column) => ({ name: column.getName(), type: snowflakeTypeName(column) })),
          rows: rows.slice(0, options.maxRows).map((row) => row.map((value, index) => snowflakeValueToJson(value, columns[index]!))),
          truncated,
        };
      });
    } catch (error) {
      throw this.mapError(error, holder.watch?.reason);
    } finally {
      holder.watch?.dispose();
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    return introspectInformationSchema((sql) => this.execute(sql, { maxRows: 100_000, timeoutMs: introspectionTimeoutMs }), {
      expression: 'CURRENT_SCHEMA()',
    });
  }

  async ping(): Promise<void> {
    try {
      await this.execute('SELECT 1', { maxRows: 1, timeoutMs: 10_000 });
    } catch (error) {
      throw asSourceUnavailable(this.mapError(error), this.sourceName, error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.drain();
    await this.pool.clear();
  }
}
