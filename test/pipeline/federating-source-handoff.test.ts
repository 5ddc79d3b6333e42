import { describe, expect, it } from 'vitest';
import { SourceScope } from '../../src/access/source-scope.js';
import type { CatalogSnapshot, CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import { handOffToFederatingSource } from '../../src/pipeline/federating-source-handoff.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { HarnessSources, harnessTable } from '../helpers/pipeline-harness.js';

const claims = harnessTable('claims', { claim_id: 'integer', adjuster_emp_no: 'integer' });
const employees = harnessTable('employees', { emp_no: 'integer', last_name: 'varchar' });
// How a Trino source's introspection names the tables it reads of the other sources' catalogs.
const lakeTables = [harnessTable('hive.legal.claims', { claim_id: 'integer', adjuster_emp_no: 'integer' }), harnessTable('mysql.hr.employees', { emp_no: 'integer', last_name: 'varchar' })];

function catalogSource(name: string, tables: CatalogTable[], healthy = true): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description: name, tables, examples: [], status: { healthy } };
}

function context(options: { lakeFederates?: Record<string, string>; lakeHealthy?: boolean; allowed?: string[] } = {}) {
  const federates = new Map(Object.entries(options.lakeFederates ?? { lake: 'hive.lake', legal: 'hive.legal', hr: 'mysql.hr' }));
  const sources = new HarnessSources(
    [
      { name: 'legal', connector: new FakeConnector({ sourceName: 'legal' }), tables: [claims] },
      { name: 'hr', connector: new FakeConnector({ sourceName: 'hr' }), tables: [employees] },
      { name: 'lake', connector: new FakeConnector({ sourceName: 'lake' }), tables: lakeTables, federates },
    ],
    5000,
  );
  const snapshot: CatalogSnapshot = {
    version: '1',
    builtAt: new Date().toISOString(),
    sources: [catalogSource('legal', [claims]), catalogSource('hr', [employees]), catalogSource('lake', lakeTables, options.lakeHealthy ?? true)],
  };
  return { snapshot, sources, scope: new SourceScope(options.allowed === undefined ? undefined : new Set(options.allowed)) };
}

const spanning = {
  source: catalogSource('legal', [claims]),
  tables: [claims],
  federated: [
    { source: catalogSource('legal', [claims]), tables: [claims] },
    { source: catalogSource('hr', [employees]), tables: [employees] },
  ],
};

describe('handing a question that spans sources to a Trino source that reads them all', () => {
  it('sends it to the federating source with the routed tables under the names its engine gives them', () => {
    const handoff = handOffToFederatingSource(spanning, context());
    expect(handoff?.source.name).toBe('lake');
    expect(handoff?.tables.map((table) => table.name)).toEqual(['hive.legal.claims', 'mysql.hr.employees']);
    expect(handoff?.spannedSources).toEqual(['legal', 'hr']);
  });

  it('keeps the embedded path when no source federates them all, the key may not use it, or it is down', () => {
    expect(handOffToFederatingSource(spanning, context({ lakeFederates: { lake: 'hive.lake', legal: 'hive.legal' } }))).toBeUndefined();
    expect(handOffToFederatingSource(spanning, context({ allowed: ['legal', 'hr'] }))).toBeUndefined();
    expect(handOffToFederatingSource(spanning, context({ lakeHealthy: false }))).toBeUndefined();
  });

  it('keeps the embedded path when the federating source\'s catalog lacks a routed table', () => {
    const missing = context();
    const [claimsOnly] = lakeTables;
    const snapshot = { ...missing.snapshot, sources: missing.snapshot.sources.map((source) => (source.name === 'lake' ? { ...source, tables: [claimsOnly!] } : source)) };
    expect(handOffToFederatingSource(spanning, { ...missing, snapshot })).toBeUndefined();
  });

  it('leaves a one-source decision alone', () => {
    expect(handOffToFederatingSource({ source: catalogSource('legal', [claims]), tables: [claims] }, context())).toBeUndefined();
  });
});
