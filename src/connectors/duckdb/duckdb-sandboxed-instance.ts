import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { quoteWithDoubleQuotes } from '../../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../../dialects/quote-string-literal.js';
import { DuckDbConnectionPool } from './duckdb-connection-pool.js';
import type { DuckDbConnection } from './duckdb-connection-schema.js';
import { DuckDbInstanceState } from './duckdb-instance-state.js';
import { duckDbS3SetupStatements, needsS3 } from './duckdb-s3-settings.js';
import { duckDbSandboxAccess, duckDbSandboxInstanceOptions, duckDbSandboxStatements } from './duckdb-sandbox-settings.js';

const connectionCount = 3;
const viewsCatalog = 'swy_views';

/** The SQL expression that reads a file (or glob) by its extension. */
function fileReaderCall(location: string): string {
  const literal = quoteStringLiteral(location);
  const lower = location.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return `read_csv_auto(${literal})`;
  if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return `read_json_auto(${literal})`;
  return `read_parquet(${literal}, hive_partitioning = true)`;
}

function absoluteLocation(location: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location) ? location : path.resolve(location);
}

/** Loads httpfs and an S3 secret on an instance whose views read s3:// (secrets are instance-scoped). */
async function setUpS3(settings: DuckDbConnection, connection: DuckDBConnection): Promise<void> {
  if (!needsS3(settings)) return;
  for (const statement of duckDbS3SetupStatements(settings)) await connection.run(statement);
}

async function buildViewsFile(settings: DuckDbConnection, directory: string, views: Record<string, string>): Promise<string> {
  const file = path.join(directory, `${viewsCatalog}.duckdb`);
  const builder = await DuckDBInstance.create(file, { autoinstall_known_extensions: 'false' });
  const connection = await builder.connect();
  try {
    await setUpS3(settings, connection);
    for (const [name, location] of Object.entries(views)) {
      await connection.run(`CREATE VIEW ${quoteWithDoubleQuotes(name)} AS SELECT * FROM ${fileReaderCall(absoluteLocation(location))}`);
    }
  } finally {
    connection.closeSync();
    builder.closeSync();
  }
  return file;
}

/**
 * One DuckDB instance of a source, set up and then sandboxed: the database file is opened with
 * access_mode READ_ONLY; views over files are first written into a private temporary database file
 * that is opened READ_ONLY too (an in-memory database cannot be read-only), and attached beside the
 * main database when both are configured. Then external access goes off except for the source's own
 * files, and the configuration is locked (see duckdb-sandbox-settings.ts), so SQL that slipped past
 * the guard still cannot read or write anything else on the server.
 */
export class DuckDbSandboxedInstance {
  private constructor(
    /** The engine instance. */
    readonly instance: DuckDBInstance,
    /** Bounds and runs the statements. */
    readonly pool: DuckDbConnectionPool,
    /** The instance-wide settings as locked, to put back after each statement. */
    readonly state: DuckDbInstanceState,
    private readonly directory: string,
  ) {}

  /**
   * Opens and sandboxes an instance for a source's connection settings.
   * @param keepIntact runs after every statement (see DuckDbConnectionPool's `verify`).
   */
  static async open(settings: DuckDbConnection, keepIntact: (sandbox: DuckDbSandboxedInstance) => Promise<boolean>): Promise<DuckDbSandboxedInstance> {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'switchyard-duckdb-'));
    try {
      return await DuckDbSandboxedInstance.openIn(settings, directory, keepIntact);
    } catch (error) {
      await fs.rm(directory, { recursive: true, force: true });
      throw error;
    }
  }

  private static async openIn(
    settings: DuckDbConnection,
    directory: string,
    keepIntact: (sandbox: DuckDbSandboxedInstance) => Promise<boolean>,
  ): Promise<DuckDbSandboxedInstance> {
    const views = settings.views ?? {};
    const viewLocations = Object.values(views).map(absoluteLocation);
    const viewsFile = viewLocations.length > 0 ? await buildViewsFile(settings, directory, views) : undefined;
    const database = settings.database === ':memory:' ? undefined : settings.database;
    const instance = await DuckDBInstance.create(database ?? viewsFile, duckDbSandboxInstanceOptions(path.join(directory, 'spill'), settings.threads));
    let searchPath: string | undefined;
    let state: DuckDbInstanceState;
    try {
      const setup = await instance.connect();
      try {
        await setUpS3(settings, setup);
        if (database !== undefined && viewsFile !== undefined) {
          await setup.run(`ATTACH ${quoteStringLiteral(viewsFile)} AS ${viewsCatalog} (READ_ONLY)`);
          const current = (await setup.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0];
          searchPath = `${String(current)}.main,${viewsCatalog}.main`;
        }
        const files = { ...(database === undefined ? {} : { database }), ...(viewsFile === undefined ? {} : { viewsFile }), viewLocations };
        for (const statement of duckDbSandboxStatements(duckDbSandboxAccess(files))) await setup.run(statement);
        state = await DuckDbInstanceState.capture(setup, needsS3(settings));
      } finally {
        setup.closeSync();
      }
    } catch (error) {
      instance.closeSync();
      throw error;
    }
    let sandbox: DuckDbSandboxedInstance | undefined;
    const pool = new DuckDbConnectionPool(
      instance,
      connectionCount,
      async (connection: DuckDBConnection) => {
        // The search path is one of the two settings a locked configuration still lets a connection set.
        if (searchPath !== undefined) await connection.run(`SET search_path = ${quoteStringLiteral(searchPath)}`);
      },
      () => (sandbox === undefined ? Promise.resolve(true) : keepIntact(sandbox)),
    );
    sandbox = new DuckDbSandboxedInstance(instance, pool, state, directory);
    return sandbox;
  }

  /** Interrupts what runs, closes the instance and removes its private files. */
  async close(): Promise<void> {
    await this.pool.close();
    this.instance.closeSync();
    await fs.rm(this.directory, { recursive: true, force: true });
  }

  /**
   * Lets running statements finish, then closes the instance and removes its private files. Queued
   * statements never start on it: its state changed in a way that could not be undone, so they fail as
   * unavailable and are retried on the instance that replaced it.
   */
  async retire(): Promise<void> {
    this.pool.stopAdmitting();
    await this.pool.drain();
    this.instance.closeSync();
    await fs.rm(this.directory, { recursive: true, force: true });
  }

  /**
   * Stops using an instance that no longer answers, without closing it: DuckDB aborts the whole
   * process when an instance whose log storage the sandbox forbids is closed. Its running statements
   * are interrupted; the instance itself stays open until the process ends.
   */
  async abandon(): Promise<void> {
    await this.pool.close();
    await fs.rm(this.directory, { recursive: true, force: true });
  }
}
