import {
  AthenaClient,
  GetDatabaseCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type GetQueryResultsCommandOutput,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import type { AthenaConnection, SourceConfig } from '../config/source-config.js';
import { athenaTypeName, athenaValueToJson, type AthenaColumnInfo } from './athena-value-converter.js';
import { engineQueryFailed, mapAwsError } from './aws-error-mapper.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from './connector.js';
import { introspectInformationSchema } from './information-schema-introspection.js';
import { pollUntilFinished, type PollSchedule } from './statement-poller.js';
import { throwIfAborted } from './statement-watch.js';
import { asSourceUnavailable, closedSourceError } from './source-unavailable.js';

const introspectionTimeoutMs = 120_000;
// GetQueryResults returns at most 1,000 rows per page.
const maximumPageSize = 1000;
const finishedStates = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** The part of the Athena client this connector uses; tests point the real client at an emulator. */
export interface AthenaApi {
  /** Sends one command. */
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  /** Releases sockets. */
  destroy(): void;
}

/**
 * Amazon Athena: StartQueryExecution → GetQueryExecution polling (capped backoff, overall timeout)
 * → GetQueryResults pages (the first row of the first page is the header). Athena has no
 * transactions, so read-only is enforced by the guard and by IAM / Lake Formation grants; on
 * timeout or abort the query is stopped with StopQueryExecution. Bytes scanned are reported
 * because Athena bills per byte.
 */
export class AthenaConnector implements Connector {
  readonly kind = 'athena';
  readonly dialect = 'athena' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: false,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: true,
  };
  readonly sourceName: string;
  private readonly connection: AthenaConnection;
  private readonly client: AthenaApi;
  private readonly schedule: PollSchedule;
  private closed = false;

  constructor(config: SourceConfig, client?: AthenaApi) {
    this.sourceName = config.name;
    this.connection = config.connection as AthenaConnection;
    this.schedule = { initialDelayMs: this.connection.pollIntervalMs ?? 200, maxDelayMs: this.connection.maxPollIntervalMs ?? 2000 };
    this.client =
      client ??
      new AthenaClient({
        ...(this.connection.region === undefined ? {} : { region: this.connection.region }),
        ...(this.connection.endpoint === undefined ? {} : { endpoint: this.connection.endpoint }),
      });
  }

  private get catalog(): string {
    return this.connection.catalog ?? 'AwsDataCatalog';
  }

  private ensureOpen(): void {
    if (this.closed) throw closedSourceError(this.sourceName);
  }

  private async waitFor(queryExecutionId: string, options: ExecuteOptions): Promise<QueryExecution> {
    const execution = await pollUntilFinished(
      {
        poll: async () =>
          ((await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId }))) as { QueryExecution?: QueryExecution })
            .QueryExecution ?? {},
        isFinished: (status) => finishedStates.has(status.Status?.State ?? ''),
        cancel: () => this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: queryExecutionId })),
      },
      { schedule: this.schedule, timeoutMs: options.timeoutMs, signal: options.signal },
    );
    const state = execution.Status?.State;
    if (state !== 'SUCCEEDED') {
      // Athena's reason is kept verbatim: the repair loop shows it to the model.
      throw engineQueryFailed(this.sourceName, execution.Status?.StateChangeReason ?? `The query ended in state ${state}`, state);
    }
    return execution;
  }

  private async readResults(queryExecutionId: string, maxRows: number): Promise<Pick<QueryResult, 'columns' | 'rows' | 'truncated'>> {
    let columns: AthenaColumnInfo[] = [];
    const rows: unknown[][] = [];
    let nextToken: string | undefined;
    let first = true;
    do {
      const wanted = maxRows + 1 - rows.length + (first ? 1 : 0);
      const page = (await this.client.send(
        new GetQueryResultsCommand({
          QueryExecutionId: queryExecutionId,
          MaxResults: Math.max(1, Math.min(maximumPageSize, wanted)),
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
      )) as GetQueryResultsCommandOutput;
      if (first) columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const pageRows = page.ResultSet?.Rows ?? [];
      // The first row of the first page repeats the column labels.
      for (const row of first ? pageRows.slice(1) : pageRows) {
        const data = row.Data ?? [];
        rows.push(columns.map((column, index) => athenaValueToJson(data[index]?.VarCharValue, column)));
      }
      first = false;
      nextToken = page.NextToken;
    } while (nextToken !== undefined && rows.length <= maxRows);
    const truncated = rows.length > maxRows;
    return {
      columns: columns.map((column) => ({ name: column.Name ?? '', type: athenaTypeName(column) })),
      rows: truncated ? rows.slice(0, maxRows) : rows,
      truncated,
    };
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    throwIfAborted(options.signal, this.sourceName);
    this.ensureOpen();
    try {
      const started = (await this.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          QueryExecutionContext: { Catalog: this.catalog, Database: this.connection.database },
          ...(this.connection.workGroup === undefined ? {} : { WorkGroup: this.connection.workGroup }),
          ...(this.connection.outputLocation === undefined ? {} : { ResultConfiguration: { OutputLocation: this.connection.outputLocation } }),
        }),
        options.signal === undefined ? {} : { abortSignal: options.signal },
      )) as { QueryExecutionId?: string };
      const queryExecutionId = started.QueryExecutionId ?? '';
      const execution = await this.waitFor(queryExecutionId, options);
      const result = await this.readResults(queryExecutionId, options.maxRows);
      const bytesScanned = execution.Statistics?.DataScannedInBytes;
      return { ...result, ...(bytesScanned === undefined ? {} : { bytesScanned }) };
    } catch (error) {
      throw mapAwsError(error, this.sourceName);
    }
  }

  async introspect(): Promise<IntrospectedTable[]> {
    return introspectInformationSchema(
      (sql) => this.execute(sql, { maxRows: 100_000, timeoutMs: introspectionTimeoutMs }),
      { name: this.connection.database.toLowerCase() },
    );
  }

  async ping(): Promise<void> {
    this.ensureOpen();
    try {
      // A metadata call: it checks endpoint, credentials and database without a billed query.
      await this.client.send(new GetDatabaseCommand({ CatalogName: this.catalog, DatabaseName: this.connection.database }));
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
