import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRelationship, CatalogSource } from '../../src/catalog/catalog-types.js';
import { suggestRelationships } from '../../src/catalog/relationship-suggester.js';
import { RelationshipValueProbe, type ProbedSource } from '../../src/catalog/relationship-value-probe.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import type { Connector } from '../../src/connectors/connector.js';
import { getDialect } from '../../src/dialects/dialect-registry.js';
import { createDuckDbFile } from './relationship-fixtures.js';

// Two real DuckDB sources: claims whose adjusters are employees, plus columns that look related and are not.
const databases: Record<string, string[]> = {
  legal: [
    `CREATE TABLE claims AS SELECT i AS id, 'CLM-' || i AS claim_id, 10001 + (i * 7) % 36 * 13 AS adjuster_emp_no,
       ['CA', 'TX', 'NY'][1 + i % 3] AS customer_state, 'adjuster' || (i % 36) || '@example.com' AS adjuster_email,
       5000 + i AS customer_id FROM range(1, 1001) t(i)`,
  ],
  hr: [
    `CREATE TABLE employees AS SELECT i AS id, 10000 + i AS emp_no, ['Ann', 'Bo', 'Cy'][1 + i % 3] AS first_name,
       'e' || i || '@example.com' AS email FROM range(1, 501) t(i)`,
    // Every employee once or twice: holds the adjusters, but is no key.
    `CREATE TABLE dept_emp AS SELECT 10000 + i AS emp_no, 'd00' || (1 + i % 9) AS dept_no FROM range(1, 501) t(i)
       UNION ALL SELECT 10000 + i, 'd001' FROM range(1, 501, 2) t(i)`,
    // A key too, but of nine managers, not of the adjusters.
    `CREATE TABLE dept_manager AS SELECT 10400 + i AS emp_no, 'd00' || i AS dept_no FROM range(1, 10) t(i)`,
  ],
  crm: [
    // Unique customer ids in a range the claims' customer_id never reaches; first names that repeat.
    `CREATE TABLE customers AS SELECT i AS id, 900000 + i AS customer_id, ['Ann', 'Bo', 'Cy', 'Di'][1 + i % 4] AS firstname FROM range(1, 2001) t(i)`,
  ],
};
const piiColumns = new Set(['email', 'adjuster_email']);

let directory: string;
const connectors = new Map<string, Connector>();
const sources: CatalogSource[] = [];
const statements: string[] = [];

/** A connector that records every statement it runs. */
function recording(connector: Connector): Connector {
  return Object.assign(Object.create(connector) as Connector, {
    execute: (sql: string, options: Parameters<Connector['execute']>[1]) => {
      statements.push(sql);
      return connector.execute(sql, options);
    },
  });
}

function probeOver(entries: [string, Connector][]): RelationshipValueProbe {
  return new RelationshipValueProbe(new Map(entries.map(([name, connector]): [string, ProbedSource] => [name, { connector, dialect: getDialect('duckdb'), timeoutMs: 10_000 }])));
}

const allProbed = () => probeOver([...connectors].map(([name, connector]) => [name, recording(connector)]));
const describeRelationship = (relationship: CatalogRelationship) =>
  `${relationship.from.source}.${relationship.from.table}.${relationship.from.column} → ${relationship.to.source}.${relationship.to.table}.${relationship.to.column}`;

beforeAll(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-relationships-'));
  for (const [name, ddl] of Object.entries(databases)) {
    const file = path.join(directory, `${name}.duckdb`);
    await createDuckDbFile(file, ddl);
    const connector = createConnector({ name, kind: 'duckdb', description: name, connection: { database: file } });
    connectors.set(name, connector);
    const tables = await connector.introspect();
    sources.push({
      name,
      kind: 'duckdb',
      dialect: 'duckdb',
      description: name,
      examples: [],
      status: { healthy: true },
      tables: tables.map((table) => ({
        name: table.name,
        columns: table.columns.map((column) => ({ ...column, ...(piiColumns.has(column.name) ? { pii: true } : {}) })),
        sampleRows: [],
        foreignKeys: [],
      })),
    });
  }
});

afterAll(async () => {
  for (const connector of connectors.values()) await connector.close();
  await fs.rm(directory, { recursive: true, force: true });
});

describe('suggestRelationships', () => {
  it('suggests the real join key, pointing at the table where it is a key, and nothing else', async () => {
    const suggested = await suggestRelationships(sources, allProbed(), []);
    expect(suggested).toEqual([
      {
        from: { source: 'legal', table: 'claims', column: 'adjuster_emp_no' },
        to: { source: 'hr', table: 'employees', column: 'emp_no' },
        origin: 'suggested',
        evidence: { nameMatch: 'suffix', containment: 1, sampledValues: 36 },
      },
    ]);
  });

  it('never pairs two independent id columns, although their values overlap completely and both are keys', async () => {
    const suggested = await suggestRelationships(sources, allProbed(), []);
    expect(suggested.map(describeRelationship).filter((text) => /\.id\b/.test(text))).toEqual([]);
    // Not even read: a bare `id` is only ever paired with a column naming its table (`customer_id` → customers.id).
    expect(statements.filter((sql) => /"id"/.test(sql) && /"(claims|employees)"/.test(sql))).toEqual([]);
  });

  it('rejects same-named columns whose values do not overlap, or repeat on the other side', async () => {
    const suggested = (await suggestRelationships(sources, allProbed(), [])).map(describeRelationship);
    expect(suggested).not.toContain('legal.claims.customer_id → crm.customers.customer_id');
    expect(suggested.filter((text) => /first_?name/.test(text))).toEqual([]);
    expect(statements.some((sql) => /customer_id/.test(sql))).toBe(true);
  });

  it('never reads or suggests a PII column', async () => {
    statements.length = 0;
    await suggestRelationships(sources, allProbed(), []);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((sql) => /email/.test(sql))).toEqual([]);
  });

  it('does not suggest a pair that is declared', async () => {
    const declared: CatalogRelationship = {
      from: { source: 'legal', table: 'claims', column: 'adjuster_emp_no' },
      to: { source: 'hr', table: 'employees', column: 'emp_no' },
      origin: 'declared',
    };
    const suggested = await suggestRelationships(sources, allProbed(), [declared]);
    expect(suggested.map(describeRelationship)).not.toContain(describeRelationship(declared));
  });

  it('leaves out sources it may not probe, and treats a failing probe as no evidence', async () => {
    expect(await suggestRelationships(sources, probeOver([['legal', connectors.get('legal')!]]), [])).toEqual([]);
    const broken = Object.assign(Object.create(connectors.get('hr')!) as Connector, {
      execute: () => Promise.reject(new Error('statement timeout')),
    });
    expect(await suggestRelationships(sources, probeOver([['legal', connectors.get('legal')!], ['hr', broken]]), [])).toEqual([]);
  });

  it('gives the same suggestions on every run', async () => {
    const first = await suggestRelationships(sources, allProbed(), []);
    expect(await suggestRelationships([...sources].reverse(), allProbed(), [])).toEqual(first);
  });
});
