import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListDatabasesCommand,
  RedshiftDataClient,
  type ColumnMetadata,
  type DescribeStatementCommandOutput,
  type GetStatementResultCommandOutput,
} from '@aws-sdk/client-redshift-data';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type { ConnectorCapabilities, QueryResult } from '../connector.js';
import { AwsStatementConnector, type AwsServiceApi } from '../common/aws-statement-connector.js';
import { sourceErrors } from '../common/source-error-factory.js';
import type { RedshiftDataConnection } from './redshift-data-connection-schema.js';
import { redshiftDataFieldToJson } from './redshift-data-value-converter.js';

const finishedStates = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/** The part of the Redshift Data client this connector uses. */
export type RedshiftDataApi = AwsServiceApi;

/**
 * Amazon Redshift through the Redshift Data API: ExecuteStatement → DescribeStatement polling
 * (capped backoff, overall timeout) → GetStatementResult pages. It needs no network path to the
 * cluster, only HTTPS to the AWS endpoint. The Data API has no session in which to open a READ ONLY
 * transaction, so the guard and a SELECT-only database user are the read-only controls; on timeout
 * or abort the statement is stopped with CancelStatement.
 */
export class RedshiftDataConnector extends AwsStatementConnector<DescribeStatementCommandOutput> {
  readonly kind = 'redshift';
  readonly dialect = 'redshift' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: false,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: false,
  };
  private readonly connection: RedshiftDataConnection;

  constructor(config: ConnectorSource<RedshiftDataConnection>, client?: RedshiftDataApi) {
    const connection = config.connection;
    const targets = [connection.clusterIdentifier, connection.workgroupName].filter((value) => value !== undefined);
    if (targets.length !== 1) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Redshift Data API source "${config.name}" needs exactly one of clusterIdentifier and workgroupName`, {
        details: { source: config.name },
      });
    }
    super(config.name, connection, client ?? new RedshiftDataClient(AwsStatementConnector.clientSettings(connection)));
    this.connection = connection;
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

  protected async startStatement(sql: string, signal: AbortSignal | undefined): Promise<string> {
    const started = (await this.client.send(
      new ExecuteStatementCommand({ ...this.target(), Sql: sql, StatementName: 'switchyard' }),
      signal === undefined ? {} : { abortSignal: signal },
    )) as { Id?: string };
    return started.Id ?? '';
  }

  protected async describeStatement(id: string): Promise<DescribeStatementCommandOutput> {
    return (await this.client.send(new DescribeStatementCommand({ Id: id }))) as DescribeStatementCommandOutput;
  }

  protected isFinished(described: DescribeStatementCommandOutput): boolean {
    return finishedStates.has(described.Status ?? '');
  }

  protected stopStatement(id: string): Promise<unknown> {
    return this.client.send(new CancelStatementCommand({ Id: id }));
  }

  protected async readResult(id: string, status: DescribeStatementCommandOutput, maxRows: number): Promise<QueryResult> {
    if (status.Status !== 'FINISHED') {
      throw sourceErrors.queryFailed(this.sourceName, status.Error ?? `The statement ended in state ${status.Status}`, status.Status);
    }
    if (status.HasResultSet !== true) return { columns: [], rows: [], truncated: false };
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
        rows.push(record.map((field, index) => redshiftDataFieldToJson(field, metadata[index] ?? {})));
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

  protected checkReachable(): Promise<unknown> {
    return this.client.send(new ListDatabasesCommand({ ...this.target(), MaxResults: 1 }));
  }

  protected introspectionSchema(): string {
    return this.connection.schema ?? 'public';
  }
}
