import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import type { Connector, ExecuteOptions } from '../../src/connectors/connector.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { PostgresConnector } from '../../src/connectors/postgres/postgres-connector.js';
import { createCatalogFixture } from '../catalog/catalog-fixture.js';
import { openCatalog } from '../helpers/catalog-opener.js';
import { probeService } from '../helpers/services.js';
import { expectSwitchyardError } from './conformance-expectations.js';
import { createPostgresLeastPrivilegeFixture, type PostgresLeastPrivilegeFixture } from './postgres-least-privilege-fixture.js';

const options: ExecuteOptions = { maxRows: 100, timeoutMs: 10_000 };
const lockKey = 4242;

/** A connector whose session reset always fails, to show such a session is closed rather than reused. */
class UnresettablePostgresConnector extends PostgresConnector {
  protected override async clearSession(): Promise<void> {
    throw new Error('the session refused to reset');
  }
}

const available = await probeService('postgres');

describe.skipIf(!available.available)('PostgreSQL and Redshift (wire) sessions against user-defined functions', () => {
  let fixture: PostgresLeastPrivilegeFixture;
  const connectors: Connector[] = [];
  const open = (connector: Connector) => {
    connectors.push(connector);
    return connector;
  };
  const firstCell = async (connector: Connector, sql: string) => (await connector.execute(sql, options)).rows[0]?.[0];
  const advisoryLocksHeld = async () =>
    Number((await fixture.query('SELECT count(*) AS held FROM pg_locks WHERE locktype = $1 AND objid = $2', ['advisory', lockKey])).rows[0].held);

  beforeAll(async () => {
    fixture = await createPostgresLeastPrivilegeFixture();
  });

  afterEach(async () => {
    await Promise.all(connectors.splice(0).map((connector) => connector.close()));
    fs.rmSync(fixture.dumpFile, { force: true });
  });

  afterAll(async () => {
    await fixture?.dispose();
  });

  it('lets SECURITY DEFINER functions delete through dblink and write server files despite the read-only transaction, and the start-up check names them', async () => {
    const connector = open(createConnector(fixture.source('postgres')));
    // What the read-only transaction does stop: the function's own DELETE, even with its owner's rights.
    await expectSwitchyardError(connector.execute('SELECT purge_directly()', options), 'SWY_ERR_QUERY_FAILED');
    expect(Number((await fixture.query('SELECT count(*) AS n FROM customers')).rows[0].n)).toBe(10);
    // What it does not stop: dblink's own connection commits, and COPY … TO writes on the server.
    await connector.execute('SELECT purge_through_dblink()', options);
    await connector.execute('SELECT dump_emails()', options);
    expect(Number((await fixture.query('SELECT count(*) AS n FROM customers')).rows[0].n)).toBe(5);
    expect(fs.readFileSync(fixture.dumpFile, 'utf8')).toContain('customer1@example.com');

    const warnings = (await connector.privilegeWarnings?.()) ?? [];
    const text = warnings.join('\n');
    expect(text).toMatch(/may execute \d+ function\(s\) outside the system catalog/);
    expect(text).toContain('public.dump_emails');
    expect(text).toMatch(/SECURITY DEFINER functions[^\n]*public\.purge_through_dblink \(owner postgres\)/);
    expect(text).toMatch(/dblink is usable \(public\.dblink, /);
    expect(text).not.toContain('superuser');
  });

  it('releases an advisory lock a statement took before the pooled session serves the next statement', async () => {
    const connector = open(createConnector(fixture.source('postgres')));
    const taken = await connector.execute(`SELECT pg_advisory_lock(${lockKey}), pg_backend_pid()`, options);
    const backend = taken.rows[0]?.[1];
    expect(await advisoryLocksHeld()).toBe(0);
    // The next borrower gets the very same backend (pool of one), and it holds nothing.
    const next = await connector.execute("SELECT pg_backend_pid(), (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())", options);
    expect(next.rows[0]).toEqual([backend, 0]);
  });

  it('leaves no prepared statement or session setting from a function to the next borrower, and keeps its own settings', async () => {
    const connector = open(createConnector(fixture.source('postgres')));
    await connector.execute('SELECT leave_session_state()', options);
    const after = await connector.execute(
      "SELECT (SELECT count(*) FROM pg_prepared_statements), current_setting('application_name'), current_setting('search_path'), current_setting('transaction_read_only')",
      options,
    );
    // set_config is rolled back with the transaction; PREPARE is not, and only the reset removes it.
    expect(after.rows[0]).toEqual([0, 'switchyard', 'public', 'on']);
  });

  it('closes a session whose reset fails instead of returning it, so its advisory lock goes with it', async () => {
    const connector = open(new UnresettablePostgresConnector(fixture.source('postgres')));
    const backend = await firstCell(connector, `SELECT pg_backend_pid() FROM (SELECT pg_advisory_lock(${lockKey})) AS locked`);
    for (let attempt = 0; attempt < 50 && (await advisoryLocksHeld()) > 0; attempt += 1) await delay(20);
    expect(await advisoryLocksHeld()).toBe(0);
    expect(await firstCell(connector, 'SELECT pg_backend_pid()')).not.toBe(backend);
  });

  it('checks a Redshift source over the wire protocol with the catalog Redshift has, and resets its sessions', async () => {
    const connector = open(createConnector(fixture.source('redshift')));
    await connector.execute('SELECT leave_session_state()', options);
    expect(await firstCell(connector, "SELECT current_setting('search_path')")).toBe('public');
    const text = ((await connector.privilegeWarnings?.()) ?? []).join('\n');
    expect(text).toMatch(/SECURITY DEFINER functions[^\n]*public\.purge_through_dblink/);
    expect(text).toContain('dblink is usable');
  });

  it('lists the findings in GET /catalog/status warnings on every refresh and logs them once', async () => {
    const catalog = await createCatalogFixture(
      [
        '  - name: warehouse',
        '    kind: postgres',
        '    description: Customers in a PostgreSQL warehouse',
        `    connection: { host: 127.0.0.1, port: 5432, user: ${fixture.role}, database: ${fixture.database} }`,
      ].join('\n'),
    );
    const logged: string[] = [];
    const logger = { info: () => undefined, warn: (_object: object, message?: string) => void logged.push(message ?? '') };
    const opened = await openCatalog(readServiceConfig({ SWITCHYARD_CATALOG_DIR: catalog.catalogDirectory, SWITCHYARD_DATA_DIR: catalog.dataDirectory }), logger);
    const service = opened.catalog;
    try {
      await service.refresh();
      await service.refresh();
      const warnings = service.status().lastRefresh?.warnings ?? [];
      expect(warnings.some((warning) => warning.startsWith('source "warehouse": SECURITY DEFINER functions'))).toBe(true);
      expect(warnings.some((warning) => warning.startsWith('source "warehouse": dblink is usable'))).toBe(true);
      expect(warnings.filter((warning) => warning.startsWith('source "sales"'))).toEqual([]);
      expect(logged.filter((message) => message.includes('may run more than reads'))).toHaveLength(1);
    } finally {
      await opened.close();
      await catalog.remove();
    }
  });

  it('finds nothing to warn about once the README revocations are applied', async () => {
    await fixture.query('REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC');
    try {
      const connector = open(createConnector(fixture.source('postgres')));
      expect(await connector.privilegeWarnings?.()).toEqual([]);
      await expectSwitchyardError(connector.execute('SELECT purge_through_dblink()', options), 'SWY_ERR_QUERY_FAILED');
    } finally {
      await fixture.query('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC');
    }
  });
});
