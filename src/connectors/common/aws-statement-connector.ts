import type { SourceDialectName } from '../../dialects/sql-dialect.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from '../connector.js';
import { mapAwsError } from './aws-error-mapper.js';
import { introspectInformationSchema } from './information-schema-introspection.js';
import { asSourceUnavailable, closedSourceError } from './source-unavailable.js';
import { pollUntilFinished, type PollSchedule } from './statement-poller.js';
import { throwIfAborted } from './statement-watch.js';

const introspectionTimeoutMs = 120_000;
const introspectionMaxRows = 100_000;

/** The part of an AWS SDK v3 client these connectors use; tests point the real client at an emulator. */
export interface AwsServiceApi {
  /** Sends one command. */
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  /** Releases sockets. */
  destroy(): void;
}

/** The connection settings every asynchronous-statement AWS source has. */
export interface AwsStatementConnection {
  /** AWS region; the SDK's default chain decides when absent. */
  readonly region?: string | undefined;
  /** Endpoint override (VPC endpoints, emulators). */
  readonly endpoint?: string | undefined;
  /** First wait between status polls, in milliseconds. */
  readonly pollIntervalMs?: number | undefined;
  /** Longest wait between status polls, in milliseconds. */
  readonly maxPollIntervalMs?: number | undefined;
}

/**
 * An AWS service that runs SQL asynchronously (Athena, Redshift Data API): submit the statement,
 * poll its status with capped backoff until it finishes or our timeout or the caller's signal stops
 * it (then the service is told to stop it), read the result pages. Neither service has a session to
 * open a READ ONLY transaction in, so the guard and the credentials' grants keep them read-only.
 * Subclasses say how each step is spelled in their API.
 */
export abstract class AwsStatementConnector<Status> implements Connector {
  abstract readonly kind: string;
  abstract readonly dialect: SourceDialectName;
  abstract readonly capabilities: ConnectorCapabilities;
  readonly sourceName: string;
  /** The SDK client (or a structural stand-in) every call goes through. */
  protected readonly client: AwsServiceApi;
  private readonly schedule: PollSchedule;
  private closed = false;

  protected constructor(sourceName: string, connection: AwsStatementConnection, client: AwsServiceApi) {
    this.sourceName = sourceName;
    this.client = client;
    this.schedule = { initialDelayMs: connection.pollIntervalMs ?? 200, maxDelayMs: connection.maxPollIntervalMs ?? 2000 };
  }

  /** Submits the statement and returns the service's id for it; the signal aborts the submission request. */
  protected abstract startStatement(sql: string, signal: AbortSignal | undefined): Promise<string>;

  /** The service's current status of a submitted statement. */
  protected abstract describeStatement(id: string): Promise<Status>;

  /** True once the status is terminal (succeeded, failed or stopped). */
  protected abstract isFinished(status: Status): boolean;

  /** Asks the service to stop the statement, so nothing keeps running (or billing) after we gave up. */
  protected abstract stopStatement(id: string): Promise<unknown>;

  /** The result of a finished statement; throws the engine's own reason when it did not succeed. */
  protected abstract readResult(id: string, status: Status, maxRows: number): Promise<QueryResult>;

  /** A metadata call that checks endpoint, credentials and target without running a (billed) statement. */
  protected abstract checkReachable(): Promise<unknown>;

  /** The schema whose tables introspection lists, as information_schema spells it. */
  protected abstract introspectionSchema(): string;

  /** Client settings from the connection: only what was configured, so the SDK's defaults apply otherwise. */
  protected static clientSettings(connection: AwsStatementConnection): { region?: string; endpoint?: string } {
    return {
      ...(connection.region === undefined ? {} : { region: connection.region }),
      ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    };
  }

  private ensureOpen(): void {
    if (this.closed) throw closedSourceError(this.sourceName);
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    this.ensureOpen();
    try {
      const id = await this.startStatement(sql, options.signal);
      const status = await pollUntilFinished(
        { poll: () => this.describeStatement(id), isFinished: (polled) => this.isFinished(polled), cancel: () => this.stopStatement(id) },
        { schedule: this.schedule, timeoutMs: options.timeoutMs, signal: options.signal },
      );
      return await this.readResult(id, status, options.maxRows);
    } catch (error) {
      throw mapAwsError(error, this.sourceName);
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    return introspectInformationSchema(
      (sql) => this.execute(sql, { maxRows: introspectionMaxRows, timeoutMs: introspectionTimeoutMs }),
      { name: this.introspectionSchema() },
    );
  }

  async ping(): Promise<void> {
    this.ensureOpen();
    try {
      await this.checkReachable();
    } catch (error) {
      throw asSourceUnavailable(mapAwsError(error, this.sourceName), this.sourceName, error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
  }
}
