import type { Connection } from 'mysql2';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorSource } from '../../src/connectors/connector-source.js';
import type { NetworkConnection } from '../../src/connectors/common/network-connection-schema.js';
import type { ExecuteOptions } from '../../src/connectors/connector.js';
import { MySqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { probeService } from '../helpers/services.js';

const options: ExecuteOptions = { maxRows: 10, timeoutMs: 10_000 };
const server = { host: '127.0.0.1', port: 3306 };
const available = await probeService('mariadb');

/**
 * A server whose sessions start with extra sql_mode flags, from a given moment on: what a DBA setting
 * the global mode (before or after the source loaded) does, without touching the shared server's global.
 */
class SessionModeConnector extends MySqlConnector {
  extraModes: string | undefined;

  protected override async prepareSession(connection: Connection): Promise<void> {
    await super.prepareSession(connection);
    if (this.extraModes === undefined) return;
    await new Promise<void>((resolve, reject) =>
      connection.query(`SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',${this.extraModes}')`, (error) => (error ? reject(error) : resolve())),
    );
  }
}

describe.skipIf(!available.available)('MySQL sql_mode read from the first session and pinned (MariaDB)', () => {
  const database = `swy_sqlmode_${process.pid}`;
  let admin: mysql.Connection;
  const connectors: MySqlConnector[] = [];
  const source: ConnectorSource<NetworkConnection> = {
    name: 'cards',
    kind: 'mysql',
    connection: { ...server, user: 'root', database, poolMax: 1 },
  };
  const open = (extraModes?: string): SessionModeConnector => {
    const connector = new SessionModeConnector(source);
    connector.extraModes = extraModes;
    connectors.push(connector);
    return connector;
  };

  beforeAll(async () => {
    admin = await mysql.createConnection({ ...server, user: 'root', password: '' });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`CREATE TABLE ${database}.cards (name VARCHAR(100))`);
    await admin.query(`INSERT INTO ${database}.cards VALUES ('Zed')`);
  });
  afterEach(async () => {
    await Promise.all(connectors.splice(0).map((connector) => connector.close()));
  });
  afterAll(async () => {
    if (admin === undefined) return;
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  });

  it('keeps the strict rule until the source has been introspected', () => {
    expect(open().backslashEscapes).toBe(false);
  });

  it('tells the guard that a default-mode server reads backslash escapes, and statements read them so', async () => {
    const connector = open();
    await connector.introspect();
    expect(connector.backslashEscapes).toBe(true);
    const result = await connector.execute("SELECT 'Ancestor\\'s Chosen' AS name", options);
    expect(result.rows).toEqual([["Ancestor's Chosen"]]);
  });

  it('learns the mode from whichever session comes first, as for a catalog loaded from its snapshot', async () => {
    const connector = open();
    await connector.ping();
    expect(connector.backslashEscapes).toBe(true);
  });

  it('keeps the strict rule for a source whose sessions start with NO_BACKSLASH_ESCAPES', async () => {
    const connector = open('NO_BACKSLASH_ESCAPES');
    await connector.introspect();
    expect(connector.backslashEscapes).toBe(false);
    const result = await connector.execute("SELECT 'a\\' AS name", options);
    expect(result.rows).toEqual([['a\\']]);
  });

  it('runs every statement with the mode read at introspection, even when the server default changes later', async () => {
    const connector = open();
    await connector.introspect();
    expect(connector.backslashEscapes).toBe(true);
    // From now on fresh sessions start with NO_BACKSLASH_ESCAPES; the guard was told otherwise.
    connector.extraModes = 'NO_BACKSLASH_ESCAPES';
    // The pooled session is prepared again when this statement returns it, now with the new default.
    await connector.execute('SELECT 1', options);
    const result = await connector.execute("SELECT 'a\\' UNION SELECT 1 -- ' AS name", options);
    expect(result.rows).toEqual([["a' UNION SELECT 1 -- "]]);
  });

  it('leaves ANSI_QUOTES out of the sessions, so "…" stays the string the guard read', async () => {
    const connector = open('ANSI_QUOTES');
    await connector.introspect();
    const result = await connector.execute('SELECT "name" AS v FROM cards UNION ALL SELECT "x"', options);
    expect(result.rows).toEqual([['name'], ['x']]);
  });
});
