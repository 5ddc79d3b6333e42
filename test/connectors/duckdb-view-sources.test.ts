import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';

const limits = { maxRows: 100, timeoutMs: 10_000 };

describe('DuckDB views over CSV and JSON files, beside a database file', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-duckdb-views-'));
    await fs.writeFile(path.join(directory, 'cities.csv'), 'city,population\nBerlin,3645000\n東京,13960000\n');
    await fs.writeFile(path.join(directory, 'teams.jsonl'), '{"team":"Zoë FC","founded":1899}\n{"team":"Kyoto 🎌","founded":1922}\n');
    const instance = await DuckDBInstance.create(path.join(directory, 'base.duckdb'));
    const connection = await instance.connect();
    await connection.run("CREATE TABLE venues AS SELECT 'Arena' AS venuename, 'Berlin' AS city");
    connection.closeSync();
    instance.closeSync();
  });

  afterAll(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  it('reads CSV and JSON views by extension and joins them with the database tables', async () => {
    const connector = createConnector({
      name: 'mixed',
      kind: 'duckdb',
      description: 'Database file plus file views',
      connection: {
        database: path.join(directory, 'base.duckdb'),
        views: { cities: path.join(directory, 'cities.csv'), teams: path.join(directory, 'teams.jsonl') },
      },
    });
    try {
      const joined = await connector.execute(
        'SELECT v.venuename, c.population FROM venues v JOIN cities c ON c.city = v.city',
        limits,
      );
      expect(joined.rows).toEqual([['Arena', 3645000]]);
      const teams = await connector.execute('SELECT team, founded FROM teams ORDER BY founded', limits);
      expect(teams.rows).toEqual([['Zoë FC', 1899], ['Kyoto 🎌', 1922]]);
      const tables = (await connector.introspect()).map((table) => table.name).sort();
      expect(tables).toEqual(['cities', 'teams', 'venues']);
      const refused = await connector.execute("INSERT INTO venues VALUES ('x', 'y')", limits).catch((error: unknown) => error);
      expect(SwitchyardError.isInstance(refused) && refused.code).toBe('SWY_ERR_QUERY_FAILED');
    } finally {
      await connector.close();
    }
  });

  it('rejects a source with neither a database file nor views', () => {
    const attempt = () => createConnector({ name: 'empty', kind: 'duckdb', description: 'Nothing to read', connection: {} });
    expect(attempt).toThrowError(expect.objectContaining({ code: 'SWY_ERR_CONFIG_INVALID' }));
  });

  it('maps the kinds to connectors that speak the right dialects', async () => {
    const network = { host: '127.0.0.1', port: 1 };
    const kinds = [
      ['postgres', 'postgres'],
      ['redshift', 'redshift'],
      ['mysql', 'mysql'],
      ['aurora-mysql', 'mysql'],
    ] as const;
    for (const [kind, dialect] of kinds) {
      const connector = createConnector({ name: 'kind_check', kind, description: 'Kind check', connection: network });
      expect([connector.kind, connector.dialect]).toEqual([kind, dialect]);
      await connector.close();
    }
  });
});
