/**
 * TEST DOUBLE of Amazon Athena. Speaks the AWS JSON 1.1 protocol (`AmazonAthena.*` targets) on
 * 127.0.0.1 so that the real @aws-sdk/client-athena is tested, and runs the SQL on DuckDB.
 * It reproduces the parts clients get wrong: every query goes QUEUED → RUNNING → a terminal state
 * over successive GetQueryExecution polls; a failing query is FAILED with the engine's message as
 * StateChangeReason; StopQueryExecution interrupts and leaves CANCELLED; GetQueryResults pages
 * with NextToken and repeats the column labels as the first row of the first page.
 */
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { AwsJsonError, startAwsJsonServer, type AwsJsonServer } from './aws-json-server.js';
import { DuckDbQueryEngine, valueText, type EngineResult, type RunningStatement } from './duckdb-query-engine.js';

/** Options of the emulator. */
export interface AthenaEmulatorOptions {
  /** Glue database name (the DuckDB schema holding the seeded tables). */
  readonly database: string;
  /** Statements that create and fill the tables. */
  readonly seed: readonly string[];
  /** Rows per GetQueryResults page at most (small values force NextToken pagination). */
  readonly pageSize?: number;
}

interface EmulatedQuery {
  readonly id: string;
  readonly sql: string;
  readonly running: RunningStatement;
  polls: number;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  reason?: string;
  result?: EngineResult;
  submittedAt: number;
}

/** A running Athena emulator. */
export interface AthenaEmulator {
  /** Endpoint for the SDK. */
  readonly endpoint: string;
  /** Operations received, in order. */
  readonly calls: string[];
  /** States reported by GetQueryExecution, per query id, in order. */
  readonly reportedStates: Map<string, string[]>;
  /** Stops the server and removes the database. */
  close(): Promise<void>;
}

function athenaType(type: DuckDBType): { Type: string; Precision: number; Scale: number } {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT:
      return { Type: 'tinyint', Precision: 3, Scale: 0 };
    case DuckDBTypeId.SMALLINT:
      return { Type: 'smallint', Precision: 5, Scale: 0 };
    case DuckDBTypeId.INTEGER:
      return { Type: 'integer', Precision: 10, Scale: 0 };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
      return { Type: 'bigint', Precision: 19, Scale: 0 };
    case DuckDBTypeId.DECIMAL: {
      const match = /\((\d+),(\d+)\)/.exec(type.toString());
      return { Type: 'decimal', Precision: Number(match?.[1] ?? 38), Scale: Number(match?.[2] ?? 0) };
    }
    case DuckDBTypeId.DOUBLE:
      return { Type: 'double', Precision: 17, Scale: 0 };
    case DuckDBTypeId.FLOAT:
      return { Type: 'real', Precision: 9, Scale: 0 };
    case DuckDBTypeId.BOOLEAN:
      return { Type: 'boolean', Precision: 0, Scale: 0 };
    case DuckDBTypeId.DATE:
      return { Type: 'date', Precision: 0, Scale: 0 };
    case DuckDBTypeId.TIMESTAMP:
      return { Type: 'timestamp', Precision: 3, Scale: 0 };
    default:
      return { Type: 'varchar', Precision: 2147483647, Scale: 0 };
  }
}

/** Starts the emulator with a seeded database. */
export async function startAthenaEmulator(options: AthenaEmulatorOptions): Promise<AthenaEmulator> {
  const engine = await DuckDbQueryEngine.create(options.database, options.seed);
  const queries = new Map<string, EmulatedQuery>();
  const reportedStates = new Map<string, string[]>();
  const pageSize = options.pageSize ?? 1000;
  let sequence = 0;

  function find(input: Record<string, unknown>): EmulatedQuery {
    const query = queries.get(String(input['QueryExecutionId']));
    if (query === undefined) {
      throw new AwsJsonError('InvalidRequestException', `QueryExecution ${String(input['QueryExecutionId'])} was not found`, {
        AthenaErrorCode: 'INVALID_INPUT',
      });
    }
    return query;
  }

  const server: AwsJsonServer = await startAwsJsonServer('AmazonAthena', {
    StartQueryExecution(input) {
      const context = (input['QueryExecutionContext'] ?? {}) as Record<string, unknown>;
      if (context['Database'] !== undefined && context['Database'] !== options.database) {
        throw new AwsJsonError('InvalidRequestException', `Database ${String(context['Database'])} does not exist`, { AthenaErrorCode: 'INVALID_INPUT' });
      }
      sequence += 1;
      const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
      const running = engine.start(String(input['QueryString'] ?? ''));
      const query: EmulatedQuery = { id, sql: String(input['QueryString']), running, polls: 0, state: 'RUNNING', submittedAt: Date.now() / 1000 };
      queries.set(id, query);
      running.done.then(
        (result) => {
          if (query.state !== 'RUNNING') return;
          query.state = 'SUCCEEDED';
          query.result = result;
        },
        (error: unknown) => {
          if (query.state !== 'RUNNING') return;
          query.state = 'FAILED';
          query.reason = error instanceof Error ? error.message : String(error);
        },
      );
      return { QueryExecutionId: id };
    },
    GetQueryExecution(input) {
      const query = find(input);
      query.polls += 1;
      // The first poll always sees QUEUED and the second RUNNING, as a busy Athena would report.
      const state = query.polls === 1 ? 'QUEUED' : query.polls === 2 ? 'RUNNING' : query.state;
      reportedStates.set(query.id, [...(reportedStates.get(query.id) ?? []), state]);
      const scanned = (query.result?.rows ?? []).reduce((sum, row) => sum + row.reduce<number>((inner, value) => inner + Buffer.byteLength(valueText(value) ?? ''), 0), 0);
      return {
        QueryExecution: {
          QueryExecutionId: query.id,
          Query: query.sql,
          StatementType: 'DML',
          QueryExecutionContext: { Database: options.database, Catalog: 'AwsDataCatalog' },
          WorkGroup: 'primary',
          Status: {
            State: state,
            SubmissionDateTime: query.submittedAt,
            ...(state === 'FAILED' || state === 'CANCELLED' ? { StateChangeReason: query.reason } : {}),
          },
          Statistics: state === 'SUCCEEDED' ? { DataScannedInBytes: scanned, EngineExecutionTimeInMillis: 1 } : { DataScannedInBytes: 0 },
        },
      };
    },
    StopQueryExecution(input) {
      const query = find(input);
      if (query.state === 'RUNNING') {
        query.state = 'CANCELLED';
        query.reason = 'Query cancelled by user';
        query.running.interrupt();
      }
      return {};
    },
    GetQueryResults(input) {
      const query = find(input);
      if (query.state !== 'SUCCEEDED' || query.polls < 3) {
        throw new AwsJsonError('InvalidRequestException', `Query has not yet finished. Current state: ${query.polls < 3 ? 'RUNNING' : query.state}`, {
          AthenaErrorCode: 'INVALID_INPUT',
        });
      }
      const result = query.result!;
      const header = { Data: result.columns.map((column) => ({ VarCharValue: column.name })) };
      const allRows = [header, ...result.rows.map((row) => ({ Data: row.map((value) => (value === null ? {} : { VarCharValue: valueText(value) })) }))];
      const offset = Number(input['NextToken'] ?? 0);
      const size = Math.min(pageSize, Number(input['MaxResults'] ?? 1000));
      const next = offset + size;
      return {
        UpdateCount: 0,
        ResultSet: {
          Rows: allRows.slice(offset, next),
          ResultSetMetadata: {
            ColumnInfo: result.columns.map((column) => ({
              CatalogName: 'hive',
              SchemaName: '',
              TableName: '',
              Name: column.name,
              Label: column.name,
              Nullable: 'UNKNOWN',
              CaseSensitive: column.type.typeId === DuckDBTypeId.VARCHAR,
              ...athenaType(column.type),
            })),
          },
        },
        ...(next < allRows.length ? { NextToken: String(next) } : {}),
      };
    },
    GetDatabase(input) {
      if (input['DatabaseName'] !== options.database) {
        throw new AwsJsonError('MetadataException', `Database ${String(input['DatabaseName'])} not found`);
      }
      return { Database: { Name: options.database, Parameters: {} } };
    },
  });

  return {
    endpoint: server.endpoint,
    calls: server.calls,
    reportedStates,
    async close() {
      for (const query of queries.values()) if (query.state === 'RUNNING') query.running.interrupt();
      await server.close();
      await Promise.allSettled([...queries.values()].map((query) => query.running.done));
      await engine.close();
    },
  };
}
