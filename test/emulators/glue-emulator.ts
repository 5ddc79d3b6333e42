/**
 * TEST DOUBLE: an AWS Glue Data Catalog emulator speaking AWS JSON 1.1 on 127.0.0.1 (through the
 * shared aws-json-server): `AWSGlue.GetDatabases` and `AWSGlue.GetTables` with NextToken
 * pagination over an in-memory catalog. Operations can be made to fail, to test that a failed
 * refresh keeps the last good metadata. It holds metadata only; there is no data behind it.
 */
import { AwsJsonError, startAwsJsonServer, type AwsJsonServer } from './aws-json-server.js';

/** A Glue column in the wire format. */
export interface GlueColumnShape {
  Name: string;
  Type: string;
  Comment?: string;
}

/** A Glue table in the wire format (the members the loader reads). */
export interface GlueTableShape {
  Name: string;
  Description?: string;
  TableType?: string;
  Parameters?: Record<string, string>;
  PartitionKeys?: GlueColumnShape[];
  StorageDescriptor?: { Columns: GlueColumnShape[]; Location?: string };
}

/** A Glue database with its tables. */
export interface GlueDatabaseShape {
  Name: string;
  Description?: string;
  FederatedDatabase?: { ConnectionName: string; Identifier?: string };
  tables: GlueTableShape[];
}

/** A running emulator. */
export interface GlueEmulator extends AwsJsonServer {
  /** The in-memory catalog; tests may change it between refreshes. */
  readonly databases: GlueDatabaseShape[];
  /** Makes an operation fail with AccessDeniedException until cleared (undefined), after `successfulCalls` more calls succeed (0 by default). */
  failOperation(operation: string | undefined, successfulCalls?: number): void;
}

function page<Item>(items: Item[], token: unknown, pageSize: number): { items: Item[]; NextToken?: string } {
  const start = typeof token === 'string' ? Number(token) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new AwsJsonError('InvalidInputException', 'Invalid NextToken');
  const end = start + pageSize;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: String(end) } : {}) };
}

/** Starts the emulator; `pageSize` is the page length of both operations. */
export async function startGlueEmulator(databases: GlueDatabaseShape[], pageSize = 2): Promise<GlueEmulator> {
  let failing: string | undefined;
  let callsBeforeFailing = 0;
  const guard = (operation: string) => {
    if (failing !== operation) return;
    if (callsBeforeFailing > 0) {
      callsBeforeFailing -= 1;
      return;
    }
    throw new AwsJsonError('AccessDeniedException', `User is not authorized to perform glue:${operation}`);
  };
  const server = await startAwsJsonServer('AWSGlue', {
    GetDatabases: (input) => {
      guard('GetDatabases');
      const result = page(databases, input.NextToken, pageSize);
      return {
        DatabaseList: result.items.map(({ tables: _tables, ...database }) => ({ ...database, CatalogId: '123456789012' })),
        ...(result.NextToken ? { NextToken: result.NextToken } : {}),
      };
    },
    GetTables: (input) => {
      guard('GetTables');
      const database = databases.find((candidate) => candidate.Name === input.DatabaseName);
      if (database === undefined) throw new AwsJsonError('EntityNotFoundException', `Database ${String(input.DatabaseName)} not found.`);
      const result = page(database.tables, input.NextToken, pageSize);
      return {
        TableList: result.items.map((table) => ({ ...table, DatabaseName: database.Name, CatalogId: '123456789012' })),
        ...(result.NextToken ? { NextToken: result.NextToken } : {}),
      };
    },
  });
  return {
    ...server,
    databases,
    failOperation: (operation, successfulCalls = 0) => {
      failing = operation;
      callsBeforeFailing = successfulCalls;
    },
  };
}
