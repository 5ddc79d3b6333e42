import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { closedPort } from './closed-port.js';
import { commentStatements, createTableStatements, insertStatements } from './conformance-sql.js';
import { conformancePassword, type ConformanceOptions } from './connector-conformance-suite.js';

const capabilities: ConnectorCapabilities = {
  readOnlyTransactions: true,
  statementTimeout: true,
  cancel: true,
  streaming: true,
  bytesScanned: false,
};
const administration = { host: '127.0.0.1', port: 3306, user: 'root', password: '', charset: 'utf8mb4_unicode_ci' };

/** Creates a uniquely named utf8mb4 database on the local MariaDB, loads the dataset, and drops it on cleanup. */
async function seedMariaDb(): Promise<{ database: string; cleanup: () => Promise<void> }> {
  const database = `swy_conformance_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection(administration);
  try {
    await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.query(`USE ${database}`);
    for (const statement of [...createTableStatements('mysql'), ...insertStatements('mysql'), ...commentStatements('mysql')]) {
      await admin.query(statement);
    }
  } finally {
    await admin.end();
  }
  return {
    database,
    async cleanup() {
      const dropper = await mysql.createConnection(administration);
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${database}`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** The suite against local MariaDB through the MySQL connector. */
export function mariaDbConformanceOptions(): ConformanceOptions {
  return {
    label: 'MySQL connector on MariaDB',
    kind: 'mysql',
    service: 'mariadb',
    capabilities,
    typedColumnTypes: ['int', 'bigint', 'smallint', 'decimal', 'date', 'datetime', 'tinyint(1)', 'varchar'],
    slowQuery: 'SELECT SLEEP(30)',
    introspectsConstraints: true,
    unreachableConnection: async () => ({
      host: '127.0.0.1',
      port: await closedPort(),
      user: 'root',
      password: conformancePassword,
      connectTimeoutMs: 2000,
    }),
    async prepare() {
      const { database, cleanup } = await seedMariaDb();
      return { connection: { host: '127.0.0.1', port: 3306, user: 'root', database, poolMax: 2 }, cleanup };
    },
  };
}
