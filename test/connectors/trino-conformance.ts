import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { startTrinoEmulator } from '../emulators/trino-emulator.js';
import { closedPort } from './closed-port.js';
import { commentStatements, createTableStatements, insertStatements } from './conformance-sql.js';
import type { ConformanceOptions } from './connector-conformance-suite.js';

// Each query runs in START TRANSACTION READ ONLY; the emulated user can also only SELECT.
const capabilities: ConnectorCapabilities = { readOnlyTransactions: true, statementTimeout: true, cancel: true, streaming: false, bytesScanned: false };
const session = { user: 'reader', catalog: 'tickit', schema: 'sales' };

/** The suite against the Trino client-protocol emulator, over plain http (no password: Trino takes one only over TLS). */
export function trinoConformanceOptions(): ConformanceOptions {
  return {
    label: 'Trino (client protocol emulator)',
    kind: 'trino',
    capabilities,
    typedColumnTypes: ['integer', 'bigint', 'smallint', 'decimal(8,2)', 'date', 'timestamp', 'boolean', 'varchar'],
    slowQuery: 'SELECT SUM(a.range * b.range) FROM range(1000000) a, range(1000000) b',
    introspectsConstraints: false,
    introspectsComments: true,
    unreachableConnection: async () => ({ ...session, server: `http://127.0.0.1:${await closedPort()}`, connectTimeoutMs: 2000 }),
    async prepare() {
      const emulator = await startTrinoEmulator({
        catalog: session.catalog,
        schema: session.schema,
        seed: [...createTableStatements('duckdb'), ...insertStatements('duckdb'), ...commentStatements('duckdb')],
      });
      return { connection: { ...session, server: emulator.server }, cleanup: () => emulator.close() };
    },
  };
}
