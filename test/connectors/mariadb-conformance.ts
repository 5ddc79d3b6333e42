import mysql from 'mysql2/promise';
import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { closedPort } from './closed-port.js';
import { conformancePassword, type ConformanceOptions } from './connector-conformance-suite.js';
import { seedThrowawayDatabase, type ThrowawayDatabaseServer } from './throwaway-database-conformance.js';

const capabilities: ConnectorCapabilities = {
  readOnlyTransactions: true,
  statementTimeout: true,
  cancel: true,
  streaming: true,
  bytesScanned: false,
};
const administration = { host: '127.0.0.1', port: 3306, user: 'root', password: '', charset: 'utf8mb4_unicode_ci' };

/** The local MariaDB, with utf8mb4 databases so every dataset string round-trips. */
const mariaDbServer: ThrowawayDatabaseServer = {
  engine: 'mysql',
  open: (database) => mysql.createConnection({ ...administration, ...(database === undefined ? {} : { database }) }),
  createStatement: (database) => `CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  dropStatement: (database) => `DROP DATABASE IF EXISTS ${database}`,
};

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
      const { database, cleanup } = await seedThrowawayDatabase(mariaDbServer);
      return { connection: { host: '127.0.0.1', port: 3306, user: 'root', database, poolMax: 2 }, cleanup };
    },
  };
}
