import { describe, expect, it } from 'vitest';
import type { ConnectorSource } from '../../src/connectors/connector-source.js';
import type { NetworkConnection } from '../../src/connectors/common/network-connection-schema.js';
import { MySqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { PostgresConnector } from '../../src/connectors/postgres/postgres-connector.js';
import { closedPort } from './closed-port.js';

function networkSource(kind: 'postgres' | 'mysql', host: string, port: number): ConnectorSource<NetworkConnection> {
  return { name: 'hr', kind, connection: { host, port, user: 'switchyard', database: 'hr', connectTimeoutMs: 2_000 } };
}

describe('a database server that is down', () => {
  it.each([
    ['postgres', '127.0.0.1'],
    ['postgres', 'localhost'],
    ['mysql', '127.0.0.1'],
  ] as const)('%s on %s: the error names the settings to check and where the address is, not the address', async (kind, host) => {
    const port = await closedPort();
    const connector = kind === 'postgres' ? new PostgresConnector(networkSource(kind, host, port)) : new MySqlConnector(networkSource(kind, host, port));
    try {
      const failure = (await connector.introspect().catch((error: unknown) => error)) as { code?: string; message?: string };
      expect(failure.code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
      expect(failure.message).toMatch(/ECONNREFUSED/);
      expect(failure.message).toContain('nothing answered at the configured address: check that the server is running');
      expect(failure.message).toContain('connection.host and connection.port in sources.yaml');
      expect(failure.message).toContain('the server log names the address tried');
      expect(failure.message).not.toContain(String(port));
    } finally {
      await connector.close();
    }
  });
});
