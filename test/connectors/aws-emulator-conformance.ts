import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { startAthenaEmulator } from '../emulators/athena-emulator.js';
import { startRedshiftDataEmulator } from '../emulators/redshift-data-emulator.js';
import { closedPort } from './closed-port.js';
import { createTableStatements, insertStatements } from './conformance-sql.js';
import type { ConformanceOptions } from './connector-conformance-suite.js';

// Same 10^12-row cross join as DuckDB's own run: the emulators execute on DuckDB.
const slowQuery = 'SELECT SUM(a.range * b.range) FROM range(1000000) a, range(1000000) b';
const seed = [...createTableStatements('duckdb'), ...insertStatements('duckdb')];
const polling = { pollIntervalMs: 20, maxPollIntervalMs: 100 };

/** Static credentials for the emulators, through the SDK's normal environment credential chain. */
function useEmulatorCredentials(): void {
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIAEMULATOR';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'emulator-secret';
  process.env['AWS_REGION'] = 'us-east-1';
}

// No transactions: the guard (and IAM / Lake Formation SELECT-only grants) keep Athena read-only.
const athenaCapabilities: ConnectorCapabilities = { readOnlyTransactions: false, statementTimeout: true, cancel: true, streaming: true, bytesScanned: true };

/** The suite against the Athena emulator (3-row pages, so every multi-row result uses NextToken). */
export function athenaConformanceOptions(): ConformanceOptions {
  return {
    label: 'Athena (AWS JSON 1.1 emulator)',
    kind: 'athena',
    capabilities: athenaCapabilities,
    typedColumnTypes: ['integer', 'bigint', 'smallint', 'decimal(8,2)', 'date', 'timestamp', 'boolean', 'varchar'],
    slowQuery,
    introspectsConstraints: false,
    unreachableConnection: async () => ({ database: 'tickit', region: 'us-east-1', endpoint: `http://127.0.0.1:${await closedPort()}`, ...polling }),
    async prepare() {
      useEmulatorCredentials();
      const emulator = await startAthenaEmulator({ database: 'tickit', seed, pageSize: 3 });
      return {
        connection: { database: 'tickit', workGroup: 'primary', outputLocation: 's3://results/', region: 'us-east-1', endpoint: emulator.endpoint, ...polling },
        cleanup: () => emulator.close(),
      };
    },
  };
}

// The Data API has no session for a READ ONLY transaction: a SELECT-only db user and the guard are the controls.
const redshiftDataCapabilities: ConnectorCapabilities = { readOnlyTransactions: false, statementTimeout: true, cancel: true, streaming: true, bytesScanned: false };

/** The suite against the Redshift Data API emulator (4-record pages). */
export function redshiftDataConformanceOptions(): ConformanceOptions {
  const target = { mode: 'data-api' as const, clusterIdentifier: 'tickit-cluster', database: 'dev', dbUser: 'reader', region: 'us-east-1', ...polling };
  return {
    label: 'Redshift (Data API emulator)',
    kind: 'redshift',
    capabilities: redshiftDataCapabilities,
    typedColumnTypes: ['int4', 'int8', 'int2', 'numeric', 'date', 'timestamp', 'bool', 'varchar'],
    slowQuery,
    introspectsConstraints: false,
    int8AsJsonNumber: true,
    unreachableConnection: async () => ({ ...target, endpoint: `http://127.0.0.1:${await closedPort()}` }),
    async prepare() {
      useEmulatorCredentials();
      const emulator = await startRedshiftDataEmulator({ clusterIdentifier: 'tickit-cluster', database: 'dev', seed, pageSize: 4 });
      return { connection: { ...target, endpoint: emulator.endpoint }, cleanup: () => emulator.close() };
    },
  };
}
