import mysql from 'mysql2/promise';
import pg from 'pg';
import initSqlJs from 'sql.js';
import type { BirdDatabase, ReplyDialect } from './bird-empty-schema.js';

/** Whether the engine could prepare (parse and bind) a statement over the empty schema, and its error if not. */
export interface EngineVerdict {
  /** True when the engine prepared or planned the statement. */
  readonly valid: boolean;
  /** The engine's error when it could not. */
  readonly message?: string;
}

/** Prepares statements in throwaway empty copies of the BIRD databases of one engine. */
export interface StatementChecker {
  /** Asks the engine to prepare `sql` in the copy of `databaseId`; never executes it. */
  check(databaseId: string, sql: string): Promise<EngineVerdict>;
  /** Drops every copy and closes every connection. */
  close(): Promise<void>;
  /** Whether the engine reads backslash escapes in strings (MySQL's sql_mode), as a MySQL source tells the guard. */
  readonly backslashEscapes: boolean;
}

function failure(error: unknown): EngineVerdict {
  return { valid: false, message: error instanceof Error ? error.message : String(error) };
}

function copyName(prefix: string, databaseId: string): string {
  return `${prefix}_${process.pid}_${databaseId}`.toLowerCase();
}

/** SQLite in memory (sql.js): `prepare` parses and binds without running. */
export async function openSqliteChecker(databases: Map<string, BirdDatabase>): Promise<StatementChecker> {
  const SQL = await initSqlJs();
  const copies = new Map<string, InstanceType<typeof SQL.Database>>();
  for (const database of databases.values()) {
    const copy = new SQL.Database();
    for (const statement of database.ddl.sqlite) copy.run(statement);
    copies.set(database.id, copy);
  }
  return {
    async check(databaseId, sql) {
      try {
        copies.get(databaseId)?.prepare(sql).free();
        return { valid: true };
      } catch (error) {
        return failure(error);
      }
    },
    async close() {
      for (const copy of copies.values()) copy.close();
    },
    backslashEscapes: false,
  };
}

/** What differs between the server engines: connecting, dropping, and preparing without running. */
interface ServerEngine<Connection> {
  /** Runs an administrative statement on the server's default database. */
  readonly administer: (sql: string) => Promise<unknown>;
  /** Closes the administrative connection. */
  readonly closeAdmin: () => Promise<void>;
  /** The engine's DROP DATABASE IF EXISTS statement for `name`. */
  readonly dropStatement: (name: string) => string;
  /** Connects to database `name`. */
  readonly connect: (name: string) => Promise<Connection>;
  /** Runs DDL or a session setting. */
  readonly run: (connection: Connection, sql: string) => Promise<unknown>;
  /** Prepares or plans one statement, never running it; throws the engine's error. */
  readonly prepare: (connection: Connection, sql: string) => Promise<void>;
  /** Closes a connection. */
  readonly end: (connection: Connection) => Promise<void>;
  /** The session setting that makes a connection read-only. */
  readonly readOnly: string;
  /** The CREATE TABLE statements of a database for this engine. */
  readonly ddl: (database: BirdDatabase) => string[];
}

async function openServerChecker<Connection>(
  databases: Map<string, BirdDatabase>,
  engine: ServerEngine<Connection>,
  backslashEscapes = false,
): Promise<StatementChecker> {
  const connections = new Map<string, Connection>();
  const close = async () => {
    for (const connection of connections.values()) await engine.end(connection).catch(() => undefined);
    for (const id of databases.keys()) await engine.administer(engine.dropStatement(copyName('swy_replies', id)));
    await engine.closeAdmin();
  };
  try {
    for (const database of databases.values()) {
      const name = copyName('swy_replies', database.id);
      await engine.administer(engine.dropStatement(name));
      await engine.administer(`CREATE DATABASE ${name}`);
      const connection = await engine.connect(name);
      connections.set(database.id, connection);
      for (const statement of engine.ddl(database)) await engine.run(connection, statement);
      await engine.run(connection, engine.readOnly);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    async check(databaseId, sql) {
      const connection = connections.get(databaseId);
      if (connection === undefined) return { valid: false, message: `no copy of ${databaseId}` };
      try {
        await engine.prepare(connection, sql);
        return { valid: true };
      } catch (error) {
        return failure(error);
      }
    },
    close,
    backslashEscapes,
  };
}

/** PostgreSQL: EXPLAIN over the extended protocol, which plans one statement and never runs it. */
export async function openPostgresChecker(databases: Map<string, BirdDatabase>): Promise<StatementChecker> {
  const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  return openServerChecker<pg.Client>(databases, {
    administer: (sql) => admin.query(sql),
    closeAdmin: () => admin.end(),
    dropStatement: (name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
    async connect(name) {
      const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: name });
      await client.connect();
      return client;
    },
    run: (client, sql) => client.query(sql),
    async prepare(client, sql) {
      // The extended protocol parses exactly one statement: a second one would be refused, never run.
      const query: pg.QueryConfig & { queryMode: 'extended' } = { text: `EXPLAIN ${sql}`, queryMode: 'extended' };
      await client.query(query);
    },
    end: (client) => client.end(),
    readOnly: 'SET default_transaction_read_only = on',
    ddl: (database) => database.ddl.postgres,
  });
}

/** MariaDB: a server-side prepare (one statement only), closed again without executing. */
export async function openMariadbChecker(databases: Map<string, BirdDatabase>): Promise<StatementChecker> {
  const admin = await mysql.createConnection({ host: '127.0.0.1', user: 'root', password: '' });
  const [modes] = await admin.query('SELECT @@SESSION.sql_mode AS mode');
  const backslashEscapes = !String((modes as { mode: string }[])[0]?.mode ?? '').includes('NO_BACKSLASH_ESCAPES');
  return openServerChecker<mysql.Connection>(databases, {
    administer: (sql) => admin.query(sql),
    closeAdmin: () => admin.end(),
    dropStatement: (name) => `DROP DATABASE IF EXISTS ${name}`,
    connect: (name) => mysql.createConnection({ host: '127.0.0.1', user: 'root', password: '', database: name }),
    run: (connection, sql) => connection.query(sql),
    async prepare(connection, sql) {
      const statement = await connection.prepare(sql);
      await statement.close();
    },
    end: (connection) => connection.end(),
    readOnly: 'SET SESSION TRANSACTION READ ONLY',
    ddl: (database) => database.ddl.mysql,
  }, backslashEscapes);
}

/** Opens the checker of `dialect`. */
export function openChecker(dialect: ReplyDialect, databases: Map<string, BirdDatabase>): Promise<StatementChecker> {
  if (dialect === 'sqlite') return openSqliteChecker(databases);
  return dialect === 'postgres' ? openPostgresChecker(databases) : openMariadbChecker(databases);
}
