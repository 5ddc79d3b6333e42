import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListDatabasesCommand,
  RedshiftDataClient,
  type ColumnMetadata,
  type DescribeStatementCommandOutput,
  type Field,
  type GetStatementResultCommandOutput,
} from '@aws-sdk/client-redshift-data';
import type { RedshiftDataConnection, SourceConfig } from '../config/source-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { engineQueryFailed, mapAwsError } from './aws-error-mapper.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from './connector.js';
import { introspectInformationSchema } from './information-schema-introspection.js';
import { isoTimestampFromText, safeDecimal, safeFloat, safeInteger } from './json-safe-values.js';
import { pollUntilFinished, type PollSchedule } from './statement-poller.js';
import { throwIfAborted } from './statement-watch.js';
import { asSourceUnavailable, closedSourceError } from './source-unavailable.js';

const introspectionTimeoutMs = 120_000;
const finishedStates = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** The part of the Redshift Data client this connector uses. */
export interface RedshiftDataApi {
  /** Sends one command. */
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  /** Releases sockets. */
  destroy(): void;
}

/** One Data API field as JSON-safe value. Note: `longValue` arrives as a JSON number, exact only up to 2^53. */
function fieldToJson(field: Field, column: ColumnMetadata): unknown {
  if (field.isNull) return null;
  if (field.longValue !== undefined) return safeInteger(field.longValue);
  if (field.doubleValue !== undefined) return safeFloat(field.doubleValue);
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.blobValue !== undefined) return Buffer.from(field.blobValue).toString('base64');
  const text = field.stringValue ?? null;
  if (text === null) return null;
  const type = (column.typeName ?? '').toLowerCase();
  if (type === 'numeric' || type === 'decimal') return safeDecimal(text);
  if (type === 'int8') return safeInteger(text);
  if (type === 'timestamp' || type === 'timestamptz') return isoTimestampFromText(text);
  return text;
}

/**
 * Amazon Redshift through the Redshift Data API: ExecuteStatement → DescribeStatement polling
 * (capped backoff, overall timeout) → GetStatementResult pages. It needs no network path to the
 * cluster, only HTTPS to the AWS endpoint. The Data API has no session in which to open a READ ONLY
 * transaction, so the guard and a SELECT-only database user are the read-only controls; on timeout
 * or abort the statement is stopped with CancelStatement.
 */
export class RedshiftDataConnector implements Connector {
  readonly kind = 'redshift';
  readonly dialect = 'redshift' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: false,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: false,
  };
  readonly sourceName: string;
  private readonly connection: RedshiftDataConnection;
  private readonly client: RedshiftDataApi;
  private readonly schedule: PollSchedule;
  private closed = false;

  constructor(config: SourceConfig, client?: RedshiftDataApi) {
    this.sourceName = config.name;
    this.connection = config.connection as RedshiftDataConnection;
    const targets = [this.connection.clusterIdentifier, this.connection.workgroupName].filter((value) => value !== undefined);
    if (targets.length !== 1) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Redshift Data API source "${config.name}" needs exactly one of clusterIdentifier and workgroupName`, {
        details: { source: config.name },
      });
    }
    this.schedule = { initialDelayMs: this.connection.pollIntervalMs ?? 200, maxDelayMs: this.connection.maxPollIntervalMs ?? 2000 };
    this.client =
      client ??
      new RedshiftDataClient({
        ...(this.connection.region === undefined ? {} : { region: this.connection.region }),
        ...(this.connection.endpoint === undefined ? {} : { endpoint: this.connection.endpoint }),
      });
  }

  /** Where statements run and as whom; the same members for every Data API call. */
  private target() {
    const connection = this.connection;
    return {
      Database: connection.database,
      ...(connection.clusterIdentifier === undefined ? {} : { ClusterIdentifier: connection.clusterIdentifier }),
      ...(connection.workgroupName === undefined ? {} : { WorkgroupName: connection.workgroupName }),
      ...(connection.dbUser === undefined ? {} : { DbUser: connection.dbUser }),
      ...(connection.secretArn === undefined ? {} : { SecretArn: connection.secretArn }),
    };
  }

  private ensureOpen(): void {
    if (this.closed) throw closedSourceError(this.sourceName);
  }

  private async readResults(id: string, maxRows: number): Promise<Pick<QueryResult, 'columns' | 'rows' | 'truncated'>> {
    let metadata: ColumnMetadata[] = [];
    const rows: unknown[][] = [];
    let nextToken: string | undefined;
    do {
      const page = (await this.client.send(
        new GetStatementResultCommand({ Id: id, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }),
      )) as GetStatementResultCommandOutput;
      if (metadata.length === 0) metadata = page.ColumnMetadata ?? [];
      for (const record of page.Records ?? []) {
        if (rows.length > maxRows) break;
        rows.push(record.map((field, index) => fieldToJson(field, metadata[index] ?? {})));
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined && rows.length <= maxRows);
    const truncated = rows.length > maxRows;
    return {
      columns: metadata.map((column) => ({ name: column.label ?? column.name ?? '', type: (column.typeName ?? 'unknown').toLowerCase() })),
      rows: truncated ? rows.slice(0, maxRows) : rows,
      truncated,
    };
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    this.ensureOpen();
    try {
      const started = (await this.client.send(
        new ExecuteStatementCommand({ ...this.target(), Sql: sql, StatementName: 'switchyard' }),
        options.signal === undefined ? {} : { abortSignal: options.signal },
      )) as { Id?: string };
      const id = started.Id ?? '';
      const status = await pollUntilFinished(
        {
          poll: async () => (await this.client.send(new DescribeStatementCommand({ Id: id }))) as DescribeStatementCommandOutput,
          isFinished: (described) => finishedStates.has(described.Status ?? ''),
          cancel: () => this.client.send(new CancelStatementCommand({ Id: id })),
        },
        { schedule: this.schedule, timeoutMs: options.timeoutMs, signal: options.signal },
      );
      if (status.Status !== 'FINISHED') {
        throw engineQueryFailed(this.sourceName, status.Error ?? `The statement ended in state ${status.Status}`, status.Status);
      }
      if (status.HasResultSet !== true) return { columns: [], rows: [], truncated: false };
      return await this.readResults(id, options.maxRows);
    } catch (error) {
      throw mapAwsError(error, this.sourceName);
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    return introspectInformationSchema(
      (sql) => this.execute(sql, { maxRows: 100_000, timeoutMs: introspectionTimeoutMs }),
      { name: this.connection.schema ?? 'public' },
    );
  }

  async ping(): Promise<void> {
    this.ensureOpen();
    try {
      await this.client.send(new ListDatabasesCommand({ ...this.target(), MaxResults: 1 }));
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
