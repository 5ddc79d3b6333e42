/**
 * TEST DOUBLE support: the SQL engine behind the local Athena, Redshift Data, Snowflake and Trino
 * emulators. A DuckDB database file is seeded once in a named schema, then reopened READ_ONLY (as a
 * least-privilege, SELECT-only principal would see it) and every statement runs on its own
 * connection so that it can be interrupted by the emulator's cancel/timeout operations. Further
 * databases can be attached beside it, read-only, as more catalogs (Trino's federated catalogs).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** One result column: its name and DuckDB type. */
export interface EngineColumn {
  /** Column name or alias. */
  readonly name: string;
  /** DuckDB type (its `typeId` and `toString()` drive the emulator's wire types). */
  readonly type: DuckDBType;
}

/** A finished statement. */
export interface EngineResult {
  /** Columns in select-list order. */
  readonly columns: EngineColumn[];
  /** Rows of DuckDB values (null for SQL NULL). */
  readonly rows: DuckDBValue[][];
}

/** A statement in flight that can be interrupted. */
export interface RunningStatement {
  /** Settles with the result or DuckDB's error. */
  readonly done: Promise<EngineResult>;
  /** Interrupts the statement (DuckDB raises "INTERRUPT Error"). */
  interrupt(): void;
}

/** A further database, attached read-only under its own name (a catalog beside the main one). */
export interface AttachedDatabase {
  /** Catalog name the database is attached as. */
  readonly name: string;
  /** Schema that holds its seeded tables. */
  readonly schema: string;
  /** Statements that create and fill its tables. */
  readonly statements: readonly string[];
}

/** Where the engine's databases are named. */
export interface QueryEngineOptions {
  /** Name of the main database, which is its catalog name (default `emulated`). */
  readonly databaseName?: string;
  /** Databases attached beside the main one. */
  readonly attached?: readonly AttachedDatabase[];
}

async function seedDatabase(file: string, schema: string, statements: readonly string[]): Promise<void> {
  const builder = await DuckDBInstance.create(file);
  const connection = await builder.connect();
  try {
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await connection.run(`USE ${schema}`);
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
    builder.closeSync();
  }
}

/** A seeded, read-only DuckDB database. */
export class DuckDbQueryEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly directory: string,
    /** Schema that holds the seeded tables and is first on the search path. */
    readonly schema: string,
  ) {}

  /** Seeds `statements` into `schema` of a new database file (and any attached ones) and reopens it read-only. */
  static async create(schema: string, statements: readonly string[], options: QueryEngineOptions = {}): Promise<DuckDbQueryEngine> {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-emulator-'));
    const file = path.join(directory, `${options.databaseName ?? 'emulated'}.duckdb`);
    await seedDatabase(file, schema, statements);
    for (const attached of options.attached ?? []) await seedDatabase(path.join(directory, `${attached.name}.duckdb`), attached.schema, attached.statements);
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    if ((options.attached ?? []).length > 0) {
      const connection = await instance.connect();
      try {
        for (const attached of options.attached ?? []) {
          await connection.run(`ATTACH '${path.join(directory, `${attached.name}.duckdb`)}' AS ${attached.name} (READ_ONLY)`);
        }
      } finally {
        connection.closeSync();
      }
    }
    return new DuckDbQueryEngine(instance, directory, schema);
  }

  /** Starts one statement on a fresh connection. */
  start(sql: string): RunningStatement {
    let connection: DuckDBConnection | undefined;
    let interrupted = false;
    const done = (async () => {
      connection = await this.instance.connect();
      try {
        if (interrupted) throw new Error('INTERRUPT Error: Interrupted!');
        await connection.run(`SET search_path = '${this.schema}'`);
        const reader = await connection.runAndReadAll(sql);
        const types = reader.columnTypes();
        return {
          columns: reader.columnNames().map((name, index) => ({ name, type: types[index]! })),
          rows: reader.getRows(),
        };
      } finally {
        connection.closeSync();
      }
    })();
    return {
      done,
      interrupt() {
        interrupted = true;
        connection?.interrupt();
      },
    };
  }

  /** Closes the database and removes its file. */
  async close(): Promise<void> {
    this.instance.closeSync();
    await fs.rm(this.directory, { recursive: true, force: true });
  }
}

/** The text form of a DuckDB value as engines print it (`2008-03-01 10:15:30.25`, `76.00`, `true`). */
export function valueText(value: DuckDBValue): string | null {
  return value === null ? null : String(value);
}
