import os from 'node:os';
import path from 'node:path';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { SourceConfigSchema } from '../../src/sources/source-config.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { connectorModules } from '../../src/connectors/connector-registry.js';
import { repositoryRoot } from '../helpers/services.js';

const network = { host: '127.0.0.1', port: 1 };

/** The smallest valid connection of each kind, and of each form a kind has; nothing here is ever contacted. */
const connectionsByKind: Record<string, Record<string, unknown>[]> = {
  duckdb: [{ database: path.join(os.tmpdir(), 'swy-registry-never-opened.duckdb') }],
  postgres: [network],
  redshift: [network, { mode: 'data-api', database: 'dev', clusterIdentifier: 'analytics', region: 'us-east-1' }],
  mysql: [network],
  'aurora-mysql': [network],
  athena: [{ database: 'tickit', region: 'us-east-1' }],
  snowflake: [{ account: 'example', username: 'reader', password: 'secret', database: 'SALES' }],
  trino: [
    { server: 'http://127.0.0.1:1', user: 'reader', catalog: 'hive', schema: 'sales' },
    { server: 'https://trino.example:8443', user: 'reader', password: 'secret', catalog: 'hive', schema: 'sales', federates: { hr: 'mysql.hr' }, readOnlyTransaction: false },
  ],
  rest: [{ document: path.join(repositoryRoot, 'catalog', 'apis', 'product-api.yaml') }],
  sqlite: [{ database: path.join(os.tmpdir(), 'swy-registry-never-opened.sqlite') }],
};

describe('the connector registry', () => {
  it('lists each kind once, and the sources file accepts exactly those kinds in registry order', () => {
    const kinds = connectorModules.map((module) => module.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(SourceConfigSchema.properties.kind.anyOf.map((literal) => literal.const)).toEqual(kinds);
  });

  it('builds, for every kind and form, a connector that reports the kind, dialect and request language its module declares', async () => {
    for (const module of connectorModules) {
      const connections = connectionsByKind[module.kind];
      expect(connections, `an example connection for kind "${module.kind}"`).toBeDefined();
      for (const connection of connections ?? []) {
        expect(Value.Check(module.connectionSchema, connection), `${module.kind} accepts ${JSON.stringify(connection)}`).toBe(true);
        const source = { name: 'registry_check', kind: module.kind, description: 'Registry check', connection };
        expect(Value.Check(SourceConfigSchema, source)).toBe(true);
        const connector = createConnector(source);
        expect([connector.kind, connector.dialect, connector.requestLanguage ?? 'sql']).toEqual([module.kind, module.dialect, module.requestLanguage]);
        await connector.close();
      }
    }
  });

  it('refuses a kind no module declares as a configuration error naming the source', () => {
    const attempt = () => createConnector({ name: 'hr', kind: 'postgress', connection: network });
    expect(attempt).toThrowError(expect.objectContaining({ code: 'SWY_ERR_CONFIG_INVALID', details: { source: 'hr', kind: 'postgress' } }));
  });
});
