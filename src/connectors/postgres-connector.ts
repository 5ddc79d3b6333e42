import knex, { type Knex } from 'knex';
import pg from 'pg';
import type { NetworkConnection, SourceConfig } from '../config/source-config.js';
import type { SqlDialectName } from '../dialects/sql-dialect.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from './connector.js';
import { mapPostgresError } from './postgres-error-mapper.js';
import { introspectPostgres } from './postgres-introspection.js';
import { postgresQueryTypes, postgresTypeNamesByOid, postgresValueToJson } from './postgres-type-names.js';
import { isRowQuery, withoutTrailingSemicolons } from './sql-statement-text.js';
import { StatementWatch, throwIfAborted } from './statement-watch.js';

const defaultPoolMax = 5;
const defaultConnectTimeoutMs = 10_000;
const introspectionTimeoutMs = 60_000;

/** The subset of a pg client this connector uses (knex hands out real pg.Client instances). */
interface PostgresClient {
  /** Backend process id, used to cancel the running statement from another session. */
  readonly processID?: number | null;
  /** Runs one query. */
  query(config: pg.QueryConfig | string, values?: unknown[]): Promise<pg.QueryResult>;
}

/**
 * A PostgreSQL source, and (configured with kind `redshift`) an Amazon Redshift source over the
 * PostgreSQL wire protocol. Each statement runs in its own READ ONLY transaction with a
 * transaction-local statement_timeout and is always rolled back. Row queries go through a cursor
 * so that only maxRows + 1 rows ever cross the wire.
 */
export class PostgresConnector implements Connector {
  readonly kind: string = 'postgres';
  readonly dialect: SqlDialectName = 'postgres';
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: true,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: false,
  };
  readonly sourceName: string;
  private readonly clientConfig: pg.ClientConfig;
  private readonly schema: string;
  private readonly password: string | undefined;
  private readonly database: Knex;
  private readonly typeNameCache = new Map<number, string>(postgresTypeNamesByOid);
  private closed = false;

  constructor(config: SourceConfig) {
    const connection = config.connection as NetworkConnection;
    this.sourceName = config.name;
    this.schema = connection.schema ?? 'public';
    this.password = connection.password;
    const connectTimeoutMs = connection.connectTimeoutMs ?? defaultConnectTimeoutMs;
    this.clientConfig = {
      ...(connection.connectionString === undefined ? {} : { connectionString: connection.connectionString }),
      ...(connection.host === undefined ? {} : { host: connection.host }),
      ...(connection.port === undefined ? {} : { port: connection.port }),
      ...(connection.user === undefined ? {} : { user: connection.user }),
      ...(connection.password === undefined ? {} : { password: connection.password }),
      ...(connection.database === undefined ? {} : { database: connection.database }),
      ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
      connectionTimeoutMillis: connectTimeoutMs,
      application_name: 'switchyard',
    };
    this.database = knex({
      client: 'pg',
      connection: this.clientConfig as Knex.PgConnectionConfig,
      searchPath: this.schema === 'public' ? ['public'] : [this.schema, 'public'],
      pool: { min: 0, max: connection.poolMax ?? defaultPoolMax },
      acquireConnectionTimeout: connectTimeoutMs,
      // Failures surface as SwitchyardErrors to the caller; knex's own console warnings would be noise.
      log: { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined },
    });
  }

  /**
   * Runs `work` on a pooled client inside a READ ONLY transaction that is always rolled back.
   * `statement_timeout` is SET LOCAL so it cannot leak into the next user of the connection.
   */
  private async inReadOnlyTransaction<T>(
    timeoutMs: number,
    work: (client: PostgresClient) => Promise<T>,
  ): Promise<T> {
    if (this.closed) {
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${this.sourceName}" is closed`, {
        details: { source: this.sourceName },
      });
    }
    let client: PostgresClient;
    try {
      client = (await this.database.client.acquireConnection()) as PostgresClient;
    } catch (error) {
      throw mapPostgresError(error, { sourceName: this.sourceName, ...this.passwordContext() });
    }
    try {
      // BEGIN ... READ ONLY is SET TRANSACTION READ ONLY in one round trip, and the form Redshift documents.
      await client.query('BEGIN TRANSACTION READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
      await client.query(`SET LOCAL timezone = 'UTC'`);
      return await work(client);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await this.database.client.releaseConnection(client);
    }
  }

  private passwordContext(): { password?: string } {
    return this.password === undefined ? {} : { password: this.password };
  }

  /** Cancels a backend's running statement from a separate, unpooled session (the pool may be full). */
  private async cancelBackend(processId: number | null | undefined): Promise<void> {
    if (processId === null || processId === undefined) return;
    const canceller = new pg.Client(this.clientConfig);
    try {
      await canceller.connect();
      await canceller.query('SELECT pg_cancel_backend($1)', [processId]);
    } finally {
      await canceller.end().catch(() => undefined);
    }
  }

  private async typeName(client: PostgresClient, oid: number): Promise<string> {
    const known = this.typeNameCache.get(oid);
    if (known !== undefined) return known;
    const { rows } = await client.query({ text: 'SELECT typname FROM pg_catalog.pg_type WHERE oid = $1', values: [oid] });
    const name = String((rows[0] as Record<string, unknown> | undefined)?.['typname'] ?? `oid ${oid}`).toLowerCase();
    this.typeNameCache.set(oid, name);
    return name;
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    let watch: StatementWatch | undefined;
    try {
      return await this.inReadOnlyTransaction(options.timeoutMs, async (client) => {
        watch = new StatementWatch(() => this.cancelBackend(client.processID), {
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        // The extended protocol refuses several statements in one string, so nothing can ride along.
        let result: pg.QueryResult;
        if (isRowQuery(sql)) {
          await client.query({
            text: `DECLARE swy_cursor NO SCROLL CURSOR FOR ${withoutTrailingSemicolons(sql)}`,
            queryMode: 'extended',
          } as pg.QueryConfig);
          result = await client.query({
            text: `FETCH FORWARD ${options.maxRows + 1} FROM swy_cursor`,
            rowMode: 'array',
            types: postgresQueryTypes,
          } as pg.QueryArrayConfig);
        } else {
          result = await client.query({ text: sql, rowMode: 'array', types: postgresQueryTypes, queryMode: 'extended' } as pg.QueryArrayConfig);
        }
        if (watch.reason !== undefined) throw new Error('The statement was interrupted');
        const fields = result.fields ?? [];
        const columns = [];
        for (const field of fields) columns.push({ name: field.name, type: await this.typeName(client, field.dataTypeID) });
        const allRows = (result.rows as unknown[][]).map((row) =>
          row.map((value, index) => postgresValueToJson(value, fields[index]?.dataTypeID ?? 0)),
        );
        const truncated = allRows.length > options.maxRows;
        return { columns, rows: truncated ? allRows.slice(0, options.maxRows) : allRows, truncated };
      });
    } catch (error) {
      const reason = watch?.reason;
      throw mapPostgresError(error, { sourceName: this.sourceName, ...this.passwordContext(), ...(reason ? { interruptReason: reason } : {}) });
    } finally {
      watch?.dispose();
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    try {
      return await this.inReadOnlyTransaction(introspectionTimeoutMs, (client) =>
        introspectPostgres({ query: (text, values) => client.query({ text, values }) }, this.schema),
      );
    } catch (error) {
      throw mapPostgresError(error, { sourceName: this.sourceName, ...this.passwordContext() });
    }
  }

  async ping(): Promise<void> {
    try {
      await this.inReadOnlyTransaction(defaultConnectTimeoutMs, (client) => client.query('SELECT 1'));
    } catch (error) {
      const mapped = mapPostgresError(error, { sourceName: this.sourceName, ...this.passwordContext() });
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
