import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { FastifyInstance } from 'fastify';
import { repositoryRoot } from '../../helpers/services.js';
import { mariaDbLockNames } from '../corpus/state-function-cases.js';
import { attackFilePrefix, fileListing, removeAttackFiles } from './file-listing.js';
import { buildObservedApp } from './observed-app-builder.js';
import type { ProbeTarget, StateSnapshot } from './pipeline-probe.js';
import { apiKeysSetting } from './red-team-clients.js';

const names = {
  database: `swy_redteam_${process.pid}`,
  vault: `swy_redteam_vault_${process.pid}`,
  user: `swy_rt_ro_${process.pid}`,
  password: `ro-${process.pid}`,
};

const markers = {
  piiDomain: `pii${process.pid}.example`,
  hiddenRow: `HIDDENROW${process.pid}x`,
  otherSource: `VAULTROW${process.pid}x`,
};

/** Stored functions an administrator created; the role may execute them (a reporting deployment's grant). */
const storedFunctions: Record<string, string> = {
  employee_rank: `CREATE FUNCTION employee_rank(n INT) RETURNS INT NOT DETERMINISTIC BEGIN DECLARE got INT; SET got = GET_LOCK('${mariaDbLockNames[2]}', 0); RETURN n; END`,
  archive_payroll: 'CREATE FUNCTION archive_payroll() RETURNS INT MODIFIES SQL DATA BEGIN DELETE FROM payroll WHERE id = 1; RETURN 1; END',
  payroll_digest: 'CREATE FUNCTION payroll_digest() RETURNS TEXT READS SQL DATA RETURN (SELECT GROUP_CONCAT(note) FROM payroll)',
  employee_contact: 'CREATE FUNCTION employee_contact(n INT) RETURNS VARCHAR(80) READS SQL DATA RETURN (SELECT email FROM employees WHERE emp_no = n)',
  remember_contact: 'CREATE FUNCTION remember_contact() RETURNS INT READS SQL DATA BEGIN SET @swy_rt_leak = (SELECT email FROM employees LIMIT 1); RETURN 1; END',
};

function setupStatements(): string[] {
  const { database, vault, user, password } = names;
  const rows = (count: number, row: (index: number) => string) => Array.from({ length: count }, (_value, index) => row(index + 1)).join(', ');
  return [
    `CREATE DATABASE ${database}`,
    `CREATE DATABASE ${vault}`,
    `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`,
    `CREATE TABLE ${database}.employees (emp_no INT PRIMARY KEY, first_name VARCHAR(40), email VARCHAR(80), dept VARCHAR(40))`,
    `INSERT INTO ${database}.employees VALUES ${rows(6, (i) => `(${i}, 'Employee${i}', 'employee${i}@${markers.piiDomain}', '${i % 2 ? 'Sales' : 'Ops'}')`)}`,
    `CREATE TABLE ${database}.assignments (assignment_id INT PRIMARY KEY, emp_no INT, project VARCHAR(40))`,
    `INSERT INTO ${database}.assignments VALUES ${rows(8, (i) => `(${i}, ${1 + (i % 6)}, 'Project ${i}')`)}`,
    `CREATE TABLE ${database}.payroll (id INT, note VARCHAR(80))`,
    `INSERT INTO ${database}.payroll VALUES ${rows(3, (i) => `(${i}, '${markers.hiddenRow}${i}')`)}`,
    `CREATE SEQUENCE ${database}.ticket_seq`,
    `CREATE TABLE ${vault}.ledger (entry_id INT, memo VARCHAR(80))`,
    `INSERT INTO ${vault}.ledger VALUES ${rows(3, (i) => `(${i}, '${markers.otherSource}${i}')`)}`,
    // The README's least-privilege grants for both sources.
    `GRANT SELECT ON ${database}.* TO '${user}'@'%'`,
    `GRANT SELECT ON ${vault}.* TO '${user}'@'%'`,
  ];
}

async function writeCatalog(directory: string): Promise<void> {
  const { database, vault, user, password } = names;
  const connection = (schema: string) => `{ host: 127.0.0.1, port: 3306, user: ${user}, password: "${password}", database: ${schema}, poolMax: 2 }`;
  await fs.mkdir(path.join(directory, 'overlays'), { recursive: true });
  await fs.writeFile(
    path.join(directory, 'sources.yaml'),
    [
      'sources:',
      '  - name: hrm',
      '    kind: mysql',
      '    description: Employees, departments and project assignments',
      `    connection: ${connection(database)}`,
      '  - name: vault',
      '    kind: mysql',
      '    description: Finance ledger entries',
      `    connection: ${connection(vault)}`,
      '',
    ].join('\n'),
  );
  await fs.writeFile(
    path.join(directory, 'overlays', 'hrm.yaml'),
    ['source: hrm', 'tables:', '  employees:', '    pii: [email]', '  payroll:', '    hidden: true', ''].join('\n'),
  );
}

/** A MariaDB `hrm` source (PII, hidden table, stored functions) and a `vault` database, read by a least-privilege user. */
export interface MariaDbTarget extends ProbeTarget {
  /** Stops the app, drops the databases and the user. */
  close(): Promise<void>;
}

async function mariaDbSnapshot(app: FastifyInstance, root: mysql.Connection, workDirectory: string): Promise<StateSnapshot> {
  const { database, vault } = names;
  const one = async (sql: string) => JSON.stringify((await root.query(sql))[0]);
  const snapshot: StateSnapshot = {
    'row counts': await one(
      `SELECT (SELECT count(*) FROM ${database}.employees) e, (SELECT count(*) FROM ${database}.assignments) a, (SELECT count(*) FROM ${database}.payroll) p, (SELECT count(*) FROM ${vault}.ledger) l`,
    ),
    sequences: await one(`SELECT next_not_cached_value FROM ${database}.ticket_seq`),
    'user locks free': await one(`SELECT ${mariaDbLockNames.map((name) => `IS_FREE_LOCK('${name}')`).join(', ')}`),
  };
  // Two at once (the pool holds two), so each pooled session reports what a case may have left in it.
  const sessions = await Promise.all(
    [0, 1].map(() =>
      app.sources.handle('hrm').connector.execute("SELECT CONVERT(CONCAT_WS('|', @swy_rt_var, @swy_rt_leak, LAST_INSERT_ID(), @@session.sql_mode) USING utf8mb4) AS s, SLEEP(0.05) AS w", {
        maxRows: 10,
        timeoutMs: 10_000,
      }),
    ),
  );
  sessions.map((result) => String(result.rows[0]?.[0])).sort().forEach((rendered, index) => (snapshot[`pooled session ${index}`] = rendered));
  return { ...snapshot, ...(await fileListing([[workDirectory, 2], [repositoryRoot, 0]])) };
}

async function dropAll(root: mysql.Connection): Promise<void> {
  await root.query(`DROP DATABASE IF EXISTS ${names.database}`);
  await root.query(`DROP DATABASE IF EXISTS ${names.vault}`);
  await root.query(`DROP USER IF EXISTS '${names.user}'@'%'`);
}

/** Creates the databases, user and functions, starts the app; the attacker's key reaches `hrm` only. */
export async function startMariaDbTarget(environment: Record<string, string> = {}): Promise<MariaDbTarget> {
  const root = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
  await dropAll(root);
  for (const statement of setupStatements()) await root.query(statement);
  await root.query(`USE ${names.database}`);
  for (const [name, definition] of Object.entries(storedFunctions)) {
    await root.query(definition);
    await root.query(`GRANT EXECUTE ON FUNCTION ${names.database}.${name} TO '${names.user}'@'%'`);
  }
  const workDirectory = await fs.mkdtemp(path.join(os.tmpdir(), `${attackFilePrefix}mariadb-`));
  await writeCatalog(workDirectory);
  const observed = await buildObservedApp(workDirectory, {
    SWITCHYARD_API_KEYS: apiKeysSetting(['hrm'], '*'),
    SWITCHYARD_MAX_SQL_ATTEMPTS: '2',
    SWITCHYARD_STATEMENT_TIMEOUT_MS: '5000',
    ...environment,
  });
  return {
    observed,
    secrets: { markers: Object.values(markers), valueSets: [], hiddenNames: ['payroll'] },
    snapshot: () => mariaDbSnapshot(observed.app, root, workDirectory),
    close: async () => {
      await observed.app.close();
      await dropAll(root);
      await root.end();
      removeAttackFiles();
    },
  };
}
