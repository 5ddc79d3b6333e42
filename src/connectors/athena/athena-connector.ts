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
import type { ConnectorSource } from '../connector-source.js';
import type { ConnectorCapabilities, QueryResult } from '../connector.js';
import { AwsStatementConnector, type AwsServiceApi } from '../common/aws-statement-connector.js';
import { sourceErrors } from '../common/source-error-factory.js';
import type { AthenaConnection } from './athena-connection-schema.js';
import { athenaTypeName, athenaValueToJson, type AthenaColumnInfo } from './athena-value-converter.js';

// GetQueryResults returns at most 1,000 rows per page.
const maximumPageSize = 1000;
const finishedStates = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** The part of the Athena client this connector uses; tests point the real client at an emulator. */
export type AthenaApi = AwsServiceApi;

/**
 * Amazon Athena: StartQueryExecution → GetQueryExecution polling (capped backoff, overall timeout)
 * → GetQueryResults pages (the first row of the first page is the header). Athena has no
 * transactions, so read-only is enforced by the guard and by IAM / Lake Formation grants; on
 * timeout or abort the query is stopped with StopQueryExecution. Bytes scanned are reported
 * because Athena bills per byte.
 */
export class AthenaConnector extends AwsStatementConnector<QueryExecution> {
  readonly kind = 'athena';
  readonly dialect = 'athena' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: false,
    statementTimeout: true,
    cancel: true,
    streaming: true,
    bytesScanned: true,
  };
  private readonly connection: AthenaConnection;

  constructor(config: ConnectorSource<AthenaConnection>, client?: AthenaApi) {
    const connection = config.connection;
    super(config.name, connection, client ?? new AthenaClient(AwsStatementConnector.clientSettings(connection)));
    this.connection = connection;
  }

  private get catalog(): string {
    return this.connection.catalog ?? 'AwsDataCatalog';
  }

  protected async startStatement(sql: string, signal: AbortSignal | undefined): Promise<string> {
    const started = (await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        QueryExecutionContext: { Catalog: this.catalog, Database: this.connection.database },
        ...(this.connection.workGroup === undefined ? {} : { WorkGroup: this.connection.workGroup }),
        ...(this.connection.outputLocation === undefined ? {} : { ResultConfiguration: { OutputLocation: this.connection.outputLocation } }),
      }),
      signal === undefined ? {} : { abortSignal: signal },
    )) as { QueryExecutionId?: string };
    return started.QueryExecutionId ?? '';
  }

  protected async describeStatement(id: string): Promise<QueryExecution> {
    const described = (await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))) as { QueryExecution?: QueryExecution };
    return described.QueryExecution ?? {};
  }

  protected isFinished(execution: QueryExecution): boolean {
    return finishedStates.has(execution.Status?.State ?? '');
  }

  protected stopStatement(id: string): Promise<unknown> {
    return this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
  }

  protected async readResult(id: string, execution: QueryExecution, maxRows: number): Promise<QueryResult> {
    const state = execution.Status?.State;
    if (state !== 'SUCCEEDED') {
      // Athena's reason is kept verbatim: the repair loop shows it to the model.
      throw sourceErrors.queryFailed(this.sourceName, execution.Status?.StateChangeReason ?? `The query ended in state ${state}`, state);
    }
    const result = await this.readPages(id, maxRows);
    const bytesScanned = execution.Statistics?.DataScannedInBytes;
    return { ...result, ...(bytesScanned === undefined ? {} : { bytesScanned }) };
  }

  private async readPages(queryExecutionId: string, maxRows: number): Promise<Pick<QueryResult, 'columns' | 'rows' | 'truncated'>> {
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

  protected checkReachable(): Promise<unknown> {
    // A metadata call: it checks endpoint, credentials and database without a billed query.
    return this.client.send(new GetDatabaseCommand({ CatalogName: this.catalog, DatabaseName: this.connection.database }));
  }

  protected introspectionSchema(): string {
    return this.connection.database.toLowerCase();
  }
}
