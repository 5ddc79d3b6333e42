import mysql from 'mysql2/promise';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorSource } from '../../src/connectors/connector-source.js';
import type { NetworkConnection } from '../../src/connectors/common/network-connection-schema.js';
import type { Connector, ExecuteOptions } from '../../src/connectors/connector.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { MySqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { probeService } from '../helpers/services.js';
import { uniqueSuffix } from '../ops/ops-test-support.js';

const options: ExecuteOptions = { maxRows: 100, timeoutMs: 10_000 };
const server = { host: '127.0.0.1', port: 3306 };

/** A connector whose session reset always fails, to show such a session is closed rather than reused. */
class UnresettableMySqlConnector extends MySqlConnector {
  protected override async clearSession(): Promise<void> {
    throw new Error('the session refused to reset');
  }
}

const available = await probeService('mariadb');

describe.skipIf(!available.available)('MySQL connector sessions on MariaDB against stored functions', () => {
  const suffix = uniqueSuffix();
  const database = `swy_reset_${suffix}`;
  const lockName = `swy_lock_${suffix}`;
  // `routines` may also execute the two functions, as a source granted too much would; `reader` has the README's grants only.
  const routinesUser = `swy_fn_${suffix}`;
  const readerUser = `swy_ro_${suffix}`;
  let admin: mysql.Connection;
  const connectors: Connector[] = [];
  const source = (user: string): ConnectorSource<NetworkConnection> => ({
    name: 'shop',
    kind: 'mysql',
    connection: { ...server, user, database, poolMax: 1 },
  });
  const open = (connector: Connector) => {
    connectors.push(connector);
    return connector;
  };
  const lockIsFree = async () => {
    const [rows] = await admin.query(`SELECT IS_FREE_LOCK('${lockName}') AS free`);
    return Number((rows as { free: number }[])[0]?.free) === 1;
  };

  beforeAll(async () => {
    admin = await mysql.createConnection({ ...server, user: 'root', password: '' });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`USE ${database}`);
    await admin.query('CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)');
    await admin.query("INSERT INTO customers VALUES (1, 'one@example.com'), (2, 'two@example.com')");
    await admin.query(`CREATE FUNCTION take_lock() RETURNS INT NOT DETERMINISTIC SQL SECURITY DEFINER RETURN GET_LOCK('${lockName}', 0)`);
    await admin.query(
      `CREATE FUNCTION leave_session_state() RETURNS INT NOT DETERMINISTIC
       BEGIN SET @swy_left_behind = 'yes'; SET SESSION group_concat_max_len = 7; RETURN 1; END`,
    );
    for (const user of [routinesUser, readerUser]) {
      await admin.query(`CREATE USER '${user}'@'%'`);
      await admin.query(`GRANT SELECT ON ${database}.* TO '${user}'@'%'`);
    }
    await admin.query(`GRANT EXECUTE ON FUNCTION ${database}.take_lock TO '${routinesUser}'@'%'`);
    await admin.query(`GRANT EXECUTE ON FUNCTION ${database}.leave_session_state TO '${routinesUser}'@'%'`);
  });

  afterEach(async () => {
    await Promise.all(connectors.splice(0).map((connector) => connector.close()));
  });

  afterAll(async () => {
    if (admin === undefined) return;
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    for (const user of [routinesUser, readerUser]) await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await admin.end();
  });

  it('releases a GET_LOCK taken inside a stored function before the pooled session serves the next statement', async () => {
    const connector = open(createConnector(source(routinesUser)));
    const taken = await connector.execute('SELECT take_lock(), CONNECTION_ID()', options);
    expect(taken.rows[0]?.[0]).toBe(1);
    expect(await lockIsFree()).toBe(true);
    // The next borrower is the very same connection (pool of one), and it holds no user lock.
    const next = await connector.execute(`SELECT CONNECTION_ID(), IS_USED_LOCK('${lockName}')`, options);
    expect(next.rows[0]).toEqual([taken.rows[0]?.[1], null]);
  });

  it('leaves no user or session variable set by a function to the next borrower, and keeps its own settings', async () => {
    const connector = open(createConnector(source(routinesUser)));
    await connector.execute('SELECT leave_session_state()', options);
    const [defaults] = await admin.query('SELECT @@global.group_concat_max_len AS length');
    const after = await connector.execute('SELECT @swy_left_behind, @@session.group_concat_max_len, @@session.tx_read_only, @@session.time_zone', options);
    expect(after.rows[0]).toEqual([null, (defaults as { length: number }[])[0]?.length, 1, '+00:00']);
  });

  it('closes a session whose reset fails instead of returning it, so its user lock goes with it', async () => {
    const connector = open(new UnresettableMySqlConnector(source(routinesUser)));
    const taken = await connector.execute('SELECT take_lock(), CONNECTION_ID()', options);
    expect(taken.rows[0]?.[0]).toBe(1);
    for (let attempt = 0; attempt < 50 && !(await lockIsFree()); attempt += 1) await delay(20);
    expect(await lockIsFree()).toBe(true);
    expect((await connector.execute('SELECT CONNECTION_ID()', options)).rows[0]?.[0]).not.toBe(taken.rows[0]?.[1]);
  });

  it('warns at start-up about routines the login may execute and privileges beyond reading', async () => {
    const routines = ((await open(createConnector(source(routinesUser))).privilegeWarnings?.()) ?? []).join('\n');
    expect(routines).toContain(`may execute 2 stored routine(s)`);
    expect(routines).toContain(`${database}.take_lock (function)`);
    expect(routines).toMatch(new RegExp(`SQL SECURITY DEFINER routines[^\\n]*${database}\\.take_lock \\(definer root@`));

    const root = ((await open(createConnector({ ...source('root'), connection: { ...server, user: 'root', database } })).privilegeWarnings?.()) ?? []).join('\n');
    expect(root).toContain('FILE (reads and writes files on the database server)');
    expect(root).toContain('SUPER (administers the server)');

    // The README's least-privilege user: SELECT on the database and nothing to warn about.
    expect(await open(createConnector(source(readerUser))).privilegeWarnings?.()).toEqual([]);
  });
});
