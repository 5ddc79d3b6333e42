import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../helpers/catalog-opener.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { createGlueMetadataClient, loadGlueCatalog } from '../../src/catalog/glue-catalog-loader.js';
import { renderSchemaWithSamples } from '../../src/catalog/table-info-renderer.js';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { getDialect } from '../../src/dialects/dialect-registry.js';
import { startGlueEmulator, type GlueEmulator, type GlueTableShape } from '../emulators/glue-emulator.js';
import { createCatalogFixture, type CatalogFixture } from './catalog-fixture.js';

const silent = { info: () => undefined, warn: () => undefined };
const clientOverrides = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };

function claimsTable(index: number): GlueTableShape {
  return {
    Name: index === 0 ? 'claims' : `claims_archive_${index}`,
    ...(index === 0 ? { Description: 'Insurance claims, one row per claim' } : {}),
    TableType: 'EXTERNAL_TABLE',
    Parameters: { classification: 'parquet' },
    StorageDescriptor: {
      Location: `s3://lake/claims/${index}/`,
      Columns: [
        { Name: 'claim_id', Type: 'string', Comment: 'Claim number' },
        { Name: 'fraud', Type: 'int', Comment: '1 when fraudulent' },
        { Name: 'claim_amount', Type: 'double' },
      ],
    },
    PartitionKeys: [{ Name: 'year', Type: 'int', Comment: 'Partition from the folder name' }],
  };
}

describe('Glue Data Catalog loader against the local Glue emulator', () => {
  let emulator: GlueEmulator;
  let fixture: CatalogFixture;
  beforeAll(async () => {
    emulator = await startGlueEmulator(
      [
        { Name: 'lake_legal', Description: 'Legal data lake', FederatedDatabase: { ConnectionName: 'athena-lake' }, tables: [0, 1, 2, 3, 4].map(claimsTable) },
        { Name: 'other_a', tables: [] },
        { Name: 'other_b', tables: [] },
      ],
      2,
    );
    fixture = await createCatalogFixture();
    const glueSection = ['glue:', `  endpoint: ${emulator.endpoint}`, '  region: us-east-1', '  databases:', '    - { database: lake_legal, source: legal }'].join('\n');
    const legal = ['  - name: legal', '    kind: duckdb', '    description: Legal claims in the lake', `    connection: { views: { claims: '${path.join(testDataDirectory, 'demo', 'legal', 'claims', '**', '*.parquet')}' } }`].join('\n');
    const sourcesPath = path.join(fixture.catalogDirectory, 'sources.yaml');
    await fs.writeFile(sourcesPath, `${await fs.readFile(sourcesPath, 'utf8')}\n${legal}\n${glueSection}\n`);
  });
  afterAll(async () => {
    await emulator?.close();
    await fixture?.remove();
  });

  it('pages through GetDatabases and GetTables and keeps types, comments, partitions and parameters', async () => {
    const client = createGlueMetadataClient({ endpoint: emulator.endpoint, databases: [] }, clientOverrides);
    const calls = emulator.calls.length;
    const tables = await loadGlueCatalog(client, { databases: [{ database: 'lake_legal', source: 'legal' }] });
    // 3 databases at 2 per page, 5 tables at 2 per page.
    expect(emulator.calls.slice(calls)).toEqual(['GetDatabases', 'GetDatabases', 'GetTables', 'GetTables', 'GetTables']);
    const legal = tables.get('legal')!;
    expect(legal.map((table) => table.name)).toEqual(['claims', 'claims_archive_1', 'claims_archive_2', 'claims_archive_3', 'claims_archive_4']);
    const claims = legal[0]!;
    expect(claims.comment).toBe('Insurance claims, one row per claim');
    expect(claims.columns).toEqual([
      { name: 'claim_id', type: 'string', nullable: true, comment: 'Claim number' },
      { name: 'fraud', type: 'int', nullable: true, comment: '1 when fraudulent' },
      { name: 'claim_amount', type: 'double', nullable: true },
      { name: 'year', type: 'int', nullable: true, comment: 'Partition from the folder name' },
    ]);
    expect(claims.partitionKeys).toEqual(['year']);
    expect(claims.parameters).toEqual({ glueDatabase: 'lake_legal', classification: 'parquet', location: 's3://lake/claims/0/', tableType: 'EXTERNAL_TABLE', connection: 'athena-lake' });
    expect(legal[1]?.comment).toBeUndefined();
  });

  it('builds the source from Glue with overlays, and keeps the last good metadata when a call fails mid-refresh', async () => {
    await fixture.writeOverlay('legal.yaml', 'source: legal\ntables:\n  claims:\n    columns:\n      claim_amount: Amount claimed in USD\n  claims_archive_4:\n    hidden: true\n');
    const settings = readServiceConfig({ SWITCHYARD_CATALOG_DIR: fixture.catalogDirectory, SWITCHYARD_DATA_DIR: fixture.dataDirectory });
    const opened = await openCatalog(settings, silent, {
      glueClient: createGlueMetadataClient({ endpoint: emulator.endpoint, databases: [] }, clientOverrides),
    });
    const service = opened.catalog;
    try {
      const first = await service.refresh();
      const legal = first.sources.find((source) => source.name === 'legal')!;
      expect(legal.origin).toBe('glue');
      expect(legal.tables).toHaveLength(4);
      const claims = legal.tables.find((table) => table.name === 'claims')!;
      expect(claims.columns.find((column) => column.name === 'claim_amount')?.description).toBe('Amount claimed in USD');
      expect(claims.columns.find((column) => column.name === 'fraud')?.description).toBe('1 when fraudulent');
      expect(renderSchemaWithSamples([claims], getDialect('duckdb'))).toContain('partitioned by year');

      emulator.failOperation('GetTables');
      const second = await service.refresh();
      const kept = second.sources.find((source) => source.name === 'legal')!;
      expect(kept.tables).toEqual(legal.tables);
      expect(kept.status).toMatchObject({ healthy: false, loadedAt: legal.status.loadedAt });
      expect(kept.status.error).toMatch(/glue:GetTables|not authorized/);
      const status = service.status().sources.find((source) => source.name === 'legal');
      expect(status).toMatchObject({ origin: 'glue', healthy: false, tables: 4 });
      // The introspected source is unaffected.
      expect(service.status().sources.find((source) => source.name === 'sales')).toMatchObject({ healthy: true, error: null });

      // A call failing mid-pagination (the second page) keeps the last good tables too, and today's
      // overlay still applies to them: a column marked PII since, and a table hidden since.
      await fixture.writeOverlay(
        'legal.yaml',
        'source: legal\ntables:\n  claims:\n    pii: [FRAUD]\n    columns:\n      claim_amount: Amount claimed in USD\n  claims_archive_4:\n    hidden: true\n  claims_archive_1:\n    hidden: true\n',
      );
      emulator.failOperation('GetTables', 1);
      const paged = await service.refresh();
      const keptPaged = paged.sources.find((source) => source.name === 'legal')!;
      expect(keptPaged.status.healthy).toBe(false);
      expect(keptPaged.tables.map((table) => table.name)).not.toContain('claims_archive_1');
      expect(keptPaged.tables).toHaveLength(3);
      const keptClaims = keptPaged.tables.find((table) => table.name === 'claims')!;
      expect(keptClaims.columns.find((column) => column.name === 'fraud')?.pii).toBe(true);
      expect(renderSchemaWithSamples([keptClaims], getDialect('duckdb'))).not.toContain('fraud');

      emulator.failOperation(undefined);
      const third = await service.refresh();
      expect(third.sources.find((source) => source.name === 'legal')?.status.healthy).toBe(true);
    } finally {
      emulator.failOperation(undefined);
      await opened.close();
    }
  });
});
