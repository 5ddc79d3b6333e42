import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import type { Connector } from '../../src/connectors/connector.js';
import type { SourceConfig } from '../../src/sources/source-config.js';
import { SourceHandle } from '../../src/sources/source-handle.js';
import { readSourcesFile } from '../../src/sources/sources-file-reader.js';
import { federatedCatalogsOf, findFederatingSource, type FederationSource } from '../../src/sources/trino-federation.js';

const trinoSource = (name: string, federates?: Record<string, string>): SourceConfig => ({
  name,
  kind: 'trino',
  description: 'Everything through Trino',
  connection: { server: 'http://trino.internal:8080', user: 'reader', catalog: 'hive', schema: 'lake', ...(federates === undefined ? {} : { federates }) },
});

const postgresSource = (name: string): SourceConfig => ({ name, kind: 'postgres', description: name, connection: { host: 'db', database: name } });

describe('federatedCatalogsOf', () => {
  it("maps each federated source to its catalog.schema and the Trino source to its own, lower-case", () => {
    expect(federatedCatalogsOf(trinoSource('warehouse', { sales: 'Redshift.Public', hr: 'mysql.hr' }))).toEqual(
      new Map([['warehouse', 'hive.lake'], ['sales', 'redshift.public'], ['hr', 'mysql.hr']]),
    );
  });

  it('is empty for a source that declares no federates, Trino or not', () => {
    expect(federatedCatalogsOf(trinoSource('warehouse')).size).toBe(0);
    expect(federatedCatalogsOf(postgresSource('sales')).size).toBe(0);
  });

  it('is what a source handle carries', () => {
    const config = trinoSource('warehouse', { hr: 'mysql.hr' });
    const handle = new SourceHandle(config, {} as Connector, 1000, { status: () => undefined, nextAttemptAt: () => undefined });
    expect(handle.federates).toEqual(federatedCatalogsOf(config));
  });
});

describe('findFederatingSource', () => {
  const sources: FederationSource[] = [
    { name: 'sales', federates: new Map() },
    { name: 'narrow', federates: federatedCatalogsOf(trinoSource('narrow', { sales: 'redshift.public' })) },
    { name: 'warehouse', federates: federatedCatalogsOf(trinoSource('warehouse', { sales: 'redshift.public', hr: 'mysql.hr', legal: 'pg.legal' })) },
    { name: 'later', federates: federatedCatalogsOf(trinoSource('later', { sales: 'redshift.public', hr: 'mysql.hr' })) },
  ];

  it('returns the first source that federates every spanned source, naming each table as Trino does', () => {
    const found = findFederatingSource(sources, ['sales', 'hr'], ['sales.sales', 'hr.employees', 'hr.payroll.salaries']);
    expect(found?.source).toBe('warehouse');
    expect(found?.tableNames).toEqual(
      new Map([
        ['sales.sales', 'redshift.public.sales'],
        ['hr.employees', 'mysql.hr.employees'],
        ['hr.payroll.salaries', 'mysql.payroll.salaries'],
      ]),
    );
    expect(found?.catalogs).toEqual(new Map([['sales', 'redshift.public'], ['hr', 'mysql.hr']]));
  });

  it('counts the sources of the given tables as spanned too', () => {
    expect(findFederatingSource(sources, ['sales'], ['legal.claims'])?.source).toBe('warehouse');
    expect(findFederatingSource(sources, [], ['sales.sales', 'hr.employees'])?.source).toBe('warehouse');
  });

  it("names the federating source's own tables in its catalog, and its federated tables as they are", () => {
    const found = findFederatingSource(sources, ['warehouse', 'hr'], ['warehouse.events', 'warehouse.mysql.hr.employees', 'hr.employees']);
    expect(found?.tableNames).toEqual(
      new Map([
        ['warehouse.events', 'hive.lake.events'],
        ['warehouse.mysql.hr.employees', 'mysql.hr.employees'],
        ['hr.employees', 'mysql.hr.employees'],
      ]),
    );
  });

  it('returns undefined when no source federates them all, or nothing is spanned', () => {
    expect(findFederatingSource(sources, ['sales', 'finance'])).toBeUndefined();
    expect(findFederatingSource(sources, ['legal', 'narrow'])).toBeUndefined();
    expect(findFederatingSource(sources, [])).toBeUndefined();
  });
});

describe('federates: at start-up', () => {
  let catalogDirectory: string | undefined;
  afterEach(async () => {
    if (catalogDirectory !== undefined) await fs.rm(catalogDirectory, { recursive: true, force: true });
  });

  const read = async (federates: string) => {
    catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-federates-'));
    const lines = [
      'sources:',
      '  - { name: sales, kind: postgres, description: Sales, connection: { host: db } }',
      `  - { name: product, kind: rest, description: Products, connection: { document: ${JSON.stringify(path.join(catalogDirectory, 'api.yaml'))} } }`,
      `  - { name: warehouse, kind: trino, description: Trino, connection: { server: "http://trino:8080", user: reader, catalog: hive, schema: lake, federates: ${federates} } }`,
    ];
    await fs.writeFile(path.join(catalogDirectory, 'sources.yaml'), lines.join('\n'));
    return readSourcesFile(readServiceConfig({ SWITCHYARD_CATALOG_DIR: catalogDirectory }), {}).catch((error: unknown) => error as { code?: string; message?: string });
  };

  it('accepts entries that name other SQL sources', async () => {
    const file = await read('{ sales: redshift.public }');
    expect('sources' in file && file.sources.map((source) => source.name)).toEqual(['sales', 'product', 'warehouse']);
  });

  it.each([
    ['{ hr: mysql.hr }', 'federates unknown source "hr"; name a source defined in sources.yaml, or remove the entry'],
    ['{ warehouse: hive.other }', 'lists itself under federates'],
    ['{ product: api.products }', 'federates "product", which is a rest source'],
  ])('refuses %s with what to change', async (federates, message) => {
    const failure = (await read(federates)) as { code?: string; message?: string };
    expect(failure.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(failure.message).toContain(`source "warehouse" `);
    expect(failure.message).toContain(message);
  });

  it('refuses a federated schema that is not catalog.schema', async () => {
    const failure = (await read('{ sales: public }')) as { code?: string; message?: string };
    expect(failure.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(failure.message).toContain('federates');
  });
});
