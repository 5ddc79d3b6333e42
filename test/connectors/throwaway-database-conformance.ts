import { randomBytes } from 'node:crypto';
import { seedStatements, type ConformanceEngine } from './conformance-sql.js';

/** The part of a driver connection (pg.Client, mysql2/promise) that administration needs. */
export interface AdministrativeSession {
  /** Runs one statement. */
  query(sql: string): Promise<unknown>;
  /** Closes the connection. */
  end(): Promise<void>;
}

/** How to administer one local database server for a conformance run. */
export interface ThrowawayDatabaseServer {
  /** The engine whose SQL the dataset is written in. */
  readonly engine: ConformanceEngine;
  /** Opens an administrative session, in the named database or the server's default one. */
  open(database?: string): Promise<AdministrativeSession>;
  /** CREATE DATABASE for the name, with an encoding that round-trips every dataset string. */
  createStatement(database: string): string;
  /** DROP DATABASE IF EXISTS for the name, ending sessions that still hold it where the engine can. */
  dropStatement(database: string): string;
}

/** Runs statements, in order, on one short-lived session. */
async function administer(server: ThrowawayDatabaseServer, statements: string[], database?: string): Promise<void> {
  const session = await server.open(database);
  try {
    for (const statement of statements) await session.query(statement);
  } finally {
    await session.end();
  }
}

/**
 * Creates a uniquely named database on a shared local server and loads the conformance dataset.
 * The random name lets parallel test files (and an earlier run that died before cleanup) share
 * the server without colliding; `cleanup` drops the database again.
 */
export async function seedThrowawayDatabase(server: ThrowawayDatabaseServer): Promise<{ database: string; cleanup: () => Promise<void> }> {
  const database = `swy_conformance_${randomBytes(5).toString('hex')}`;
  await administer(server, [server.createStatement(database)]);
  await administer(server, seedStatements(server.engine), database);
  return { database, cleanup: () => administer(server, [server.dropStatement(database)]) };
}
