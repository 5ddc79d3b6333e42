/**
 * TEST DOUBLE of the Amazon Redshift Data API. Speaks AWS JSON 1.1 (`RedshiftData.*` targets) on
 * 127.0.0.1 for the real @aws-sdk/client-redshift-data, and runs the SQL on DuckDB. Statements go
 * SUBMITTED → STARTED → FINISHED/FAILED/ABORTED over successive DescribeStatement polls; results
 * come as typed Field records (longValue, stringValue, booleanValue, isNull …) with ColumnMetadata,
 * paged with NextToken. Note what the real API does too: int8 values travel as JSON numbers.
 */
import { DuckDBTypeId, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { AwsJsonError, startAwsJsonServer } from './aws-json-server.js';
import { DuckDbQueryEngine, valueText, type EngineResult, type RunningStatement } from './duckdb-query-engine.js';

/** Options of the emulator. */
export interface RedshiftDataEmulatorOptions {
  /** Cluster identifier the emulator answers for. */
  readonly clusterIdentifier: string;
  /** Database name. */
  readonly database: string;
  /** Statements that create and fill the tables (run in schema `public`). */
  readonly seed: readonly string[];
  /** Records per GetStatementResult page. */
  readonly pageSize?: number;
}

/** A running emulator. */
export interface RedshiftDataEmulator {
  /** Endpoint for the SDK. */
  readonly endpoint: string;
  /** Operations received, in order. */
  readonly calls: string[];
  /** Stops the server and removes the database. */
  close(): Promise<void>;
}

interface EmulatedStatement {
  readonly running: RunningStatement;
  readonly sql: string;
  polls: number;
  state: 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';
  error?: string;
  result?: EngineResult;
}

function redshiftTypeName(type: DuckDBType): string {
  switch (type.typeId) {
    case DuckDBTypeId.SMALLINT:
      return 'int2';
    case DuckDBTypeId.INTEGER:
      return 'int4';
    case DuckDBTypeId.BIGINT:
      return 'int8';
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.DECIMAL:
      return 'numeric';
    case DuckDBTypeId.DOUBLE:
      return 'float8';
    case DuckDBTypeId.FLOAT:
      return 'float4';
    case DuckDBTypeId.BOOLEAN:
      return 'bool';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
      return 'timestamp';
    default:
      return 'varchar';
  }
}

/** One value as the Data API's tagged Field union. */
function field(value: DuckDBValue, type: DuckDBType): Record<string, unknown> {
  if (value === null) return { isNull: true };
  switch (redshiftTypeName(type)) {
    case 'int2':
    case 'int4':
    case 'int8':
      return { longValue: Number(value) };
    case 'float4':
    case 'float8':
      return { doubleValue: Number(value) };
    case 'bool':
      return { booleanValue: value === true };
    default:
      return { stringValue: valueText(value) };
  }
}

/** Starts the emulator with a seeded database. */
export async function startRedshiftDataEmulator(options: RedshiftDataEmulatorOptions): Promise<RedshiftDataEmulator> {
  const engine = await DuckDbQueryEngine.create('public', options.seed);
  const statements = new Map<string, EmulatedStatement>();
  const pageSize = options.pageSize ?? 1000;
  let sequence = 0;

  function checkTarget(input: Record<string, unknown>): void {
    if (input['ClusterIdentifier'] !== options.clusterIdentifier) {
      throw new AwsJsonError('ValidationException', `Cluster ${String(input['ClusterIdentifier'])} not found`);
    }
    if (input['Database'] !== options.database) throw new AwsJsonError('ValidationException', `Database ${String(input['Database'])} not found`);
    if (input['DbUser'] === undefined && input['SecretArn'] === undefined) {
      throw new AwsJsonError('ValidationException', 'Either DbUser or SecretArn is required for a provisioned cluster');
    }
  }

  function find(input: Record<string, unknown>): EmulatedStatement {
    const statement = statements.get(String(input['Id']));
    if (statement === undefined) throw new AwsJsonError('ResourceNotFoundException', `Query does not exist: ${String(input['Id'])}`);
    return statement;
  }

  const server = await startAwsJsonServer('RedshiftData', {
    ExecuteStatement(input) {
      checkTarget(input);
      sequence += 1;
      const id = `7f5a1d2e-0000-4000-9000-${String(sequence).padStart(12, '0')}`;
      const statement: EmulatedStatement = { running: engine.start(String(input['Sql'] ?? '')), sql: String(input['Sql']), polls: 0, state: 'STARTED' };
      statements.set(id, statement);
      statement.running.done.then(
        (result) => {
          if (statement.state !== 'STARTED') return;
          statement.state = 'FINISHED';
          statement.result = result;
        },
        (error: unknown) => {
          if (statement.state !== 'STARTED') return;
          statement.state = 'FAILED';
          statement.error = `ERROR: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
      return { Id: id, ClusterIdentifier: options.clusterIdentifier, Database: options.database, CreatedAt: Date.now() / 1000 };
    },
    DescribeStatement(input) {
      const statement = find(input);
      statement.polls += 1;
      const status = statement.polls === 1 ? 'SUBMITTED' : statement.polls === 2 ? 'STARTED' : statement.state;
      const done = statement.polls > 2 && statement.state === 'FINISHED';
      return {
        Id: String(input['Id']),
        Status: status,
        QueryString: statement.sql,
        HasResultSet: done && statement.result!.columns.length > 0,
        ResultRows: done ? statement.result!.rows.length : -1,
        ...(status === 'FAILED' ? { Error: statement.error } : {}),
      };
    },
    CancelStatement(input) {
      const statement = find(input);
      if (statement.state === 'STARTED') {
        statement.state = 'ABORTED';
        statement.running.interrupt();
      }
      return { Status: true };
    },
    GetStatementResult(input) {
      const statement = find(input);
      if (statement.state !== 'FINISHED' || statement.polls < 3) throw new AwsJsonError('ValidationException', 'Query has not finished');
      const result = statement.result!;
      const offset = Number(input['NextToken'] ?? 0);
      const next = offset + pageSize;
      return {
        ColumnMetadata: result.columns.map((column) => ({
          name: column.name,
          label: column.name,
          typeName: redshiftTypeName(column.type),
          nullable: 1,
          isSigned: true,
          schemaName: '',
          tableName: '',
        })),
        Records: result.rows.slice(offset, next).map((row) => row.map((value, index) => field(value, result.columns[index]!.type))),
        TotalNumRows: result.rows.length,
        ...(next < result.rows.length ? { NextToken: String(next) } : {}),
      };
    },
    ListDatabases(input) {
      checkTarget(input);
      return { Databases: [options.database] };
    },
  });

  return {
    endpoint: server.endpoint,
    calls: server.calls,
    async close() {
      for (const statement of statements.values()) if (statement.state === 'STARTED') statement.running.interrupt();
      await server.close();
      await Promise.allSettled([...statements.values()].map((statement) => statement.running.done));
      await engine.close();
    },
  };
}
