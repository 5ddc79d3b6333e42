import knex, { type Knex } from 'knex';
import type { SourceDialectName } from '../../dialects/sql-dialect.js';
import type { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from '../connector.js';
import type { InterruptReason } from './interrupt-reason.js';
import type { NetworkConnection } from './network-connection-schema.js';
import { asSourceUnavailable, closedSourceError } from './source-unavailable.js';
import { StatementWatch, throwIfAborted } from './statement-watch.js';

const defaultPoolMax = 5;
const defaultConnectTimeoutMs = 10_000;
const introspectionTimeoutMs = 60_000;

/** What the driver needs to open sessions; the pool, timeouts and logging are the same for every engine. */
export interface KnexDriverSettings {
  /** knex client name (`pg`, `mysql2`). */
  readonly client: string;
  /** The driver's own connection settings. */
  readonly connection: Knex.StaticConnectionConfig;
}

/**
 * A server engine reached through a knex-managed pool of driver sessions (PostgreSQL, Redshift
 * over the wire, MySQL, MariaDB). Every statement, introspection and ping takes a session, opens a
 * READ ONLY transaction with the statement time limit on it and always rolls it back. A rollback
 * does not undo everything: functions the statement called can take session locks, set session
 * variables or prepare statements that outlive the transaction. So every session is reset before it
 * returns to the pool, and one that cannot be reset is closed instead, which makes the server
 * release whatever it held. A running statement is stopped from a separate session because the pool
 * may be full. Subclasses say how each step is spelled for their engine.
 */
export abstract class KnexSessionConnector<Session> implements Connector {
  abstract readonly kind: string;
  abstract readonly dialect: SourceDialectName;
  // Every subclass runs statements in an engine-enforced READ ONLY transaction with a server-side
  // time limit, cancels from a second session and reads rows incrementally.
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: true,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: false,
  };
  readonly sourceName: string;
  /** The configured password (or the connection string's), handed to error mapping so messages that echo it are scrubbed. */
  protected readonly password: string | undefined;
  /** Extra client-side time after the statement timeout before our own watch stops it; undefined trusts the server. */
  protected readonly backstopGraceMs: number | undefined = undefined;
  private readonly database: Knex;
  private closed = false;

  protected constructor(config: ConnectorSource<NetworkConnection>, driver: KnexDriverSettings) {
    const connection = config.connection;
    this.sourceName = config.name;
    this.password = connection.password ?? KnexSessionConnector.connectionStringPassword(connection.connectionString);
    this.database = knex({
      client: driver.client,
      connection: driver.connection,
      pool: {
        min: 0,
        max: connection.poolMax ?? defaultPoolMax,
        // The same settings are applied again after every reset, so a new session and a reused one start alike.
        afterCreate: (session: Session, done: (error: Error | null, session: Session) => void) => {
          this.prepareSession(session).then(
            () => done(null, session),
            (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), session),
          );
        },
      },
      acquireConnectionTimeout: KnexSessionConnector.connectTimeoutMs(connection),
      // Failures surface as SwitchyardErrors to the caller; knex's own console warnings would be noise.
      log: { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined },
    });
  }

  /** The password inside a URL-style connection string, so messages that echo it are scrubbed as well. */
  private static connectionStringPassword(connectionString: string | undefined): string | undefined {
    if (connectionString === undefined || !URL.canParse(connectionString)) return undefined;
    const password = new URL(connectionString).password;
    if (password === '') return undefined;
    try {
      return decodeURIComponent(password);
    } catch {
      // A stray `%` that is not an escape: the driver sees the text as written, and so do its messages.
      return password;
    }
  }

  /** How long to wait for a session: the configured connect timeout or 10 s. */
  protected static connectTimeoutMs(connection: NetworkConnection): number {
    return connection.connectTimeoutMs ?? defaultConnectTimeoutMs;
  }

  /** The endpoint and login members both drivers spell alike, each present only when configured. */
  protected static endpointSettings(connection: NetworkConnection): Record<string, string | number> {
    return {
      ...(connection.host === undefined ? {} : { host: connection.host }),
      ...(connection.port === undefined ? {} : { port: connection.port }),
      ...(connection.user === undefined ? {} : { user: connection.user }),
      ...(connection.password === undefined ? {} : { password: connection.password }),
      ...(connection.database === undefined ? {} : { database: connection.database }),
    };
  }

  /** Applies the connector's session-level settings (search path, time zone, read-only default). */
  protected abstract prepareSession(session: Session): Promise<void>;

  /**
   * Clears what a statement may have left on the session outside its rolled-back transaction:
   * session locks, session variables, prepared statements. `prepareSession` runs right after.
   */
  protected abstract clearSession(session: Session): Promise<void>;

  /** Closes the session's connection for good; the server then drops everything the session held. */
  protected abstract closeSession(session: Session): Promise<void>;

  /** Opens the READ ONLY transaction with the statement time limit on a session just taken from the pool. */
  protected abstract beginReadOnly(session: Session, timeoutMs: number): Promise<void>;

  /** Sends one statement without parameters (ROLLBACK, SELECT 1) and ignores its rows. */
  protected abstract sendStatement(session: Session, sql: string): Promise<unknown>;

  /** Maps a driver failure; `interruptReason` is set when our watch stopped the statement. */
  protected abstract mapError(error: unknown, interruptReason?: InterruptReason): SwitchyardError;

  /** Stops the session's running statement from a separate, unpooled session (the pool may be full). */
  protected abstract interruptStatement(session: Session): Promise<void>;

  /**
   * Runs one statement, reading at most `maxRows + 1` rows, and converts them to JSON-safe values;
   * calls `watch.throwIfInterrupted()` as soon as the engine answered, before any further round trip.
   */
  protected abstract runStatement(session: Session, sql: string, maxRows: number, watch: StatementWatch): Promise<QueryResult>;

  /** Lists tables and columns over the session, inside the read-only transaction. */
  protected abstract introspectSession(session: Session): Promise<IntrospectedTable[]>;

  /** Describes, over the session, what the login may run that a read-only transaction cannot contain. */
  protected abstract introspectPrivileges(session: Session): Promise<string[]>;

  /** Runs `work` on a pooled session inside a READ ONLY transaction that is always rolled back. */
  private async inReadOnlyTransaction<T>(timeoutMs: number, work: (session: Session) => Promise<T>): Promise<T> {
    if (this.closed) throw closedSourceError(this.sourceName);
    let session: Session;
    try {
      session = (await this.database.client.acquireConnection()) as Session;
    } catch (error) {
      throw this.mapError(error);
    }
    try {
      await this.beginReadOnly(session, timeoutMs);
      return await work(session);
    } finally {
      await this.returnSession(session);
    }
  }

  /** Rolls back, resets and returns a session to the pool; one that fails any step is closed and never reused. */
  private async returnSession(session: Session): Promise<void> {
    try {
      await this.sendStatement(session, 'ROLLBACK');
      await this.clearSession(session);
      await this.prepareSession(session);
    } catch (error) {
      // knex's pool validates sessions before handing them out and destroys one marked disposed.
      (session as { __knex__disposed?: unknown }).__knex__disposed = error;
      // Not awaited: a goodbye to a server that stopped answering must not hold the caller.
      this.closeSession(session).catch(() => undefined);
    }
    await this.database.client.releaseConnection(session);
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    let watch: StatementWatch | undefined;
    try {
      return await this.inReadOnlyTransaction(options.timeoutMs, (session) => {
        watch = new StatementWatch(() => this.interruptStatement(session), {
          ...(this.backstopGraceMs === undefined ? {} : { timeoutMs: options.timeoutMs + this.backstopGraceMs }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        return this.runStatement(session, sql, options.maxRows, watch);
      });
    } catch (error) {
      throw this.mapError(error, watch?.reason);
    } finally {
      watch?.dispose();
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    try {
      return await this.inReadOnlyTransaction(introspectionTimeoutMs, (session) => this.introspectSession(session));
    } catch (error) {
      throw this.mapError(error);
    }
  }

  async privilegeWarnings(): Promise<string[]> {
    try {
      return await this.inReadOnlyTransaction(introspectionTimeoutMs, (session) => this.introspectPrivileges(session));
    } catch (error) {
      throw this.mapError(error);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.inReadOnlyTransaction(defaultConnectTimeoutMs, (session) => this.sendStatement(session, 'SELECT 1'));
    } catch (error) {
      throw asSourceUnavailable(this.mapError(error), this.sourceName, error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.database.destroy();
  }
}
