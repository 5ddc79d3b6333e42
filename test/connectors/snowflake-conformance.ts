import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { startSnowflakeEmulator } from '../emulators/snowflake-emulator.js';
import { closedPort } from './closed-port.js';
import { createTableStatements, insertStatements } from './conformance-sql.js';
import { conformancePassword, type ConformanceOptions } from './connector-conformance-suite.js';

// No read-only transaction mode in Snowflake: a role with only USAGE + SELECT grants and the guard are the controls.
const capabilities: ConnectorCapabilities = { readOnlyTransactions: false, statementTimeout: true, cancel: true, streaming: false, bytesScanned: false };
const account = { account: 'emulated', username: 'reader', database: 'EMULATED', schema: 'tickit', warehouse: 'EMULATED_WH', role: 'READER' };

/** The suite against the Snowflake REST emulator through snowflake-sdk's `accessUrl`. */
export function snowflakeConformanceOptions(): ConformanceOptions {
  return {
    label: 'Snowflake (REST emulator)',
    kind: 'snowflake',
    capabilities,
    typedColumnTypes: ['number(38,0)', 'number(38,0)', 'number(38,0)', 'number(8,2)', 'date', 'timestamp_ntz', 'boolean', 'varchar'],
    slowQuery: 'SELECT SUM(a.range * b.range) FROM range(1000000) a, range(1000000) b',
    introspectsConstraints: false,
    unreachableConnection: async () => ({ ...account, password: conformancePassword, connectTimeoutMs: 2000, accessUrl: `http://127.0.0.1:${await closedPort()}` }),
    async prepare() {
      const emulator = await startSnowflakeEmulator({
        username: 'reader',
        password: 'emulator-password',
        schema: 'tickit',
        seed: [...createTableStatements('duckdb'), ...insertStatements('duckdb')],
      });
      return { connection: { ...account, password: 'emulator-password', accessUrl: emulator.accessUrl, poolMax: 2 }, cleanup: () => emulator.close() };
    },
  };
}
