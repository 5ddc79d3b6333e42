import type { Knex } from 'knex';
import pg from 'pg';
import type { SqlDialectName } from '../../dialects/sql-dialect.js';
import type { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { IntrospectedTable, QueryResult } from '../connector.js';
import type { InterruptReason } from '../common/interrupt-reason.js';
import { KnexSessionConnector } from '../common/knex-session-connector.js';
import type { NetworkConnection } from '../common/network-connection-schema.js';
import type { StatementWatch } from '../common/statement-watch.js';
import { mapPostgresError } from './postgres-error-mapper.js';
import { introspectPostgres, postgresPrivilegeWarnings, type PostgresCatalogFlavour } from './postgres-introspection.js';
import { postgresQueryTypes, postgresTypeNamesByOid, postgresValueToJson } from './postgres-value-converter.js';
import { isRowQuery, withoutTrailingSemicolons } from './sql-statement-text.js';

/** The subset of a pg client this connector uses (knex hands out real pg.Client instances). */
interface PostgresClient {
  /** Backend process id, used to cancel the running statement from another session. */
  readonly processID?: number | null;
  /** Runs one query. */
  query(config: pg.QueryConfig | string, values?: unknown[]): Promise<pg.QueryResult>;
  /** Closes the connection. */
  end(): Promise<void>;
}

/** `SET search_path` naming the source's schema first; identifiers are quoted, so any schema name is safe. */
function searchPathStatement(schema: string): string {
  const schemas = schema === 'public' ? ['public'] : [schema, 'public'];
  return `SET search_path TO ${schemas.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ')}`;
}

/**
 * A PostgreSQL source, and (configured with kind `redshift`) an Amazon Redshift source over the
 * PostgreSQL wire protocol. Each statement runs in its own READ ONLY transaction with a
 * transaction-local statement_timeout and is always rolled back; the session is then cleared with
 * DISCARD ALL (advisory locks, prepared statements, settings) before it serves anyone else. Row
 * queries go through a cursor so that only maxRows + 1 rows ever cross the wire.
 */
export class PostgresConnector extends KnexSessionConnector<PostgresClient> {
  readonly kind: string = 'postgres';
  readonly dialect: SqlDialectName = 'postgres';
  /** Which spelling of the catalog the privilege check reads. */
  protected readonly catalogFlavour: PostgresCatalogFlavour = 'postgres';
  private readonly clientConfig: pg.ClientConfig;
  private readonly schema: string;
  private readonly searchPath: string;
  private readonly typeNameCache = new Map<number, string>(postgresTypeNamesByOid);

  constructor(config: ConnectorSource<NetworkConnection>) {
    const connection = config.connection;
    const schema = connection.schema ?? 'public';
    const clientConfig: pg.ClientConfig = {
      ...(connection.connectionString === undefined ? {} : { connectionString: connection.connectionString }),
      ...KnexSessionConnector.endpointSettings(connection),
      ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
      connectionTimeoutMillis: KnexSessionConnector.connectTimeoutMs(connection),
      application_name: 'switchyard',
    };
    super(config, { client: 'pg', connection: clientConfig as Knex.PgConnectionConfig });
    this.schema = schema;
    this.searchPath = searchPathStatement(schema);
    this.clientConfig = clientConfig;
  }

  protected mapError(error: unknown, interruptReason?: InterruptReason): SwitchyardError {
    return mapPostgresError(error, {
      sourceName: this.sourceName,
      ...(this.password === undefined ? {} : { password: this.password }),
      ...(interruptReason ? { interruptReason } : {}),
    });
  }

  /** `statement_timeout` is SET LOCAL so it cannot leak into the next user of the connection. */
  protected async beginReadOnly(client: PostgresClient, timeoutMs: number): Promise<void> {
    // BEGIN ... READ ONLY is SET TRANSACTION READ ONLY in one round trip, and the form Redshift documents.
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    await client.query(`SET LOCAL timezone = 'UTC'`);
  }

  protected async prepareSession(client: PostgresClient): Promise<void> {
    await client.query(this.searchPath);
  }

  /** DISCARD ALL also releases advisory locks and deallocates prepared statements, which ROLLBACK keeps. */
  protected async clearSession(client: PostgresClient): Promise<void> {
    await client.query('DISCARD ALL');
  }

  protected closeSession(client: PostgresClient): Promise<void> {
    return client.end();
  }

  protected sendStatement(client: PostgresClient, sql: string): Promise<unknown> {
    return client.query(sql);
  }

  /** Cancels a backend's running statement from a separate, unpooled session (the pool may be full). */
  protected async interruptStatement(client: PostgresClient): Promise<void> {
    const processId = client.processID;
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

  protected async runStatement(client: PostgresClient, sql: string, maxRows: number, watch: StatementWatch): Promise<QueryResult> {
    // The extended protocol refuses several statements in one string, so nothing can ride along.
    let result: pg.QueryResult;
    if (isRowQuery(sql)) {
      await client.query({
        text: `DECLARE swy_cursor NO SCROLL CURSOR FOR ${withoutTrailingSemicolons(sql)}`,
        queryMode: 'extended',
      } as pg.QueryConfig);
      result = await client.query({
        text: `FETCH FORWARD ${maxRows + 1} FROM swy_cursor`,
        rowMode: 'array',
        types: postgresQueryTypes,
      } as pg.QueryArrayConfig);
    } else {
      result = await client.query({ text: sql, rowMode: 'array', types: postgresQueryTypes, queryMode: 'extended' } as pg.QueryArrayConfig);
    }
    watch.throwIfInterrupted();
    const fields = result.fields ?? [];
    const columns = [];
    for (const field of fields) columns.push({ name: field.name, type: await this.typeName(client, field.dataTypeID) });
    const allRows = (result.rows as unknown[][]).map((row) =>
      row.map((value, index) => postgresValueToJson(value, fields[index]?.dataTypeID ?? 0)),
    );
    const truncated = allRows.length > maxRows;
    return { columns, rows: truncated ? allRows.slice(0, maxRows) : allRows, truncated };
  }

  protected introspectSession(client: PostgresClient): Promise<IntrospectedTable[]> {
    return introspectPostgres({ query: (text, values) => client.query({ text, values }) }, this.schema);
  }

  protected introspectPrivileges(client: PostgresClient): Promise<string[]> {
    return postgresPrivilegeWarnings({ query: (text, values) => client.query({ text, values }) }, this.catalogFlavour);
  }
}
