import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseColumnPath, relationshipDeclarationProblems, resolveDeclaredRelationships } from '../../src/catalog/declared-relationships.js';
import { overlayReferenceWarnings } from '../../src/catalog/overlay-reference-check.js';
import { readOverlays } from '../../src/catalog/overlay-reader.js';
import type { OverlayFile } from '../../src/catalog/overlay-schema.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { catalogSourceOf as source } from './relationship-fixtures.js';

const catalog = [
  source('legal', { claims: { claim_id: 'varchar', adjuster_emp_no: 'integer', adjuster_email: 'varchar' } }, { pii: ['adjuster_email'] }),
  source('hr', { employees: { emp_no: 'integer', first_name: 'varchar' } }),
  source('finance', { all_stocks_5yr: { name: 'varchar' } }, { healthy: false }),
];

const overlay = (sourceName: string, relationships: OverlayFile['relationships']): OverlayFile => ({ source: sourceName, relationships });

describe('parseColumnPath', () => {
  it('splits source.table.column, keeping dots of a schema-qualified table', () => {
    expect(parseColumnPath('hr.employees.emp_no')).toEqual({ source: 'hr', table: 'employees', column: 'emp_no' });
    expect(parseColumnPath('warehouse.public.orders.id')).toEqual({ source: 'warehouse', table: 'public.orders', column: 'id' });
    for (const text of ['employees.emp_no', 'hr..emp_no', 'hr.employees.', '']) expect(parseColumnPath(text), text).toBeUndefined();
  });
});

describe('relationshipDeclarationProblems', () => {
  it('says how to write a malformed end, and refuses pairs inside one source, outside the overlay, or twice', () => {
    const problems = relationshipDeclarationProblems(
      overlay('legal', [
        { from: 'claims.adjuster_emp_no', to: 'hr.employees.emp_no' },
        { from: 'legal.claims.claim_id', to: 'legal.claims.adjuster_emp_no' },
        { from: 'sales.venue.sponsor_ticker', to: 'finance.all_stocks_5yr.name' },
        { from: 'legal.claims.adjuster_emp_no', to: 'hr.employees.emp_no' },
        { from: 'hr.employees.emp_no', to: 'legal.claims.adjuster_emp_no' },
      ]),
    );
    expect(problems).toEqual([
      { path: ['relationships', 0, 'from'], message: '"claims.adjuster_emp_no" must name a column as source.table.column, e.g. hr.employees.emp_no' },
      { path: ['relationships', 1], message: 'both ends are in source "legal"; relationships join two different sources' },
      { path: ['relationships', 2], message: 'neither end is in source "legal"; declare it in the overlay of sales or finance' },
      { path: ['relationships', 4], message: 'hr.employees.emp_no → legal.claims.adjuster_emp_no is declared twice' },
    ]);
    expect(relationshipDeclarationProblems(overlay('legal', [{ from: 'legal.claims.adjuster_emp_no', to: 'hr.employees.emp_no' }]))).toEqual([]);
  });
});

describe('reading overlays with relationships', () => {
  let directory: string | undefined;
  afterEach(async () => {
    if (directory) await fs.rm(directory, { recursive: true, force: true });
  });

  async function overlaysFolder(text: string): Promise<string> {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-overlays-'));
    await fs.writeFile(path.join(directory, 'legal.yaml'), text);
    return directory;
  }

  it('reads declared relationships with their descriptions', async () => {
    const folder = await overlaysFolder(
      ['source: legal', 'relationships:', '  - from: legal.claims.adjuster_emp_no', '    to: hr.employees.emp_no', '    description: The adjuster is an employee.'].join('\n'),
    );
    expect((await readOverlays(folder)).get('legal')?.relationships).toEqual([
      { from: 'legal.claims.adjuster_emp_no', to: 'hr.employees.emp_no', description: 'The adjuster is an employee.' },
    ]);
  });

  it('refuses a malformed relationship with the file, the line and what to write instead', async () => {
    const folder = await overlaysFolder(['source: legal', 'relationships:', '  - from: legal.claims.adjuster_emp_no', '    to: employees.emp_no'].join('\n'));
    const error = await readOverlays(folder).catch((caught: unknown) => caught);
    expect(SwitchyardError.isInstance(error) && error.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect((error as Error).message).toBe(
      `${path.join(folder, 'legal.yaml')}:4: /relationships/0/to "employees.emp_no" must name a column as source.table.column, e.g. hr.employees.emp_no`,
    );
  });

  it('refuses a cross-source example that does not need two sources, or not its own', async () => {
    const example = (sources: string) => ['source: legal', 'crossSourceExamples:', '  - question: Who handled the most claims?', `    sources: ${sources}`, '    sql: SELECT 1'];
    const notOwn = await overlaysFolder(example('[hr, sales]').join('\n'));
    await expect(readOverlays(notOwn)).rejects.toThrow(`legal.yaml:4: /crossSourceExamples/0/sources must include "legal", the source this overlay describes`);
    await fs.writeFile(path.join(notOwn, 'legal.yaml'), example('[legal, legal]').join('\n'));
    await expect(readOverlays(notOwn)).rejects.toThrow(/legal\.yaml:4: \/crossSourceExamples\/0\/sources names a source twice/);
    await fs.writeFile(path.join(notOwn, 'legal.yaml'), example('[legal]').join('\n'));
    await expect(readOverlays(notOwn)).rejects.toThrow(/legal\.yaml:4: \/crossSourceExamples\/0\/sources/);
  });

  it('refuses unknown keys in a relationship through the overlay schema', async () => {
    const folder = await overlaysFolder(['source: legal', 'relationships:', '  - from: legal.claims.adjuster_emp_no', '    to: hr.employees.emp_no', '    kind: many-to-one'].join('\n'));
    await expect(readOverlays(folder)).rejects.toThrow(/legal\.yaml:\d+: \/relationships\/0/);
  });
});

describe('resolveDeclaredRelationships and the reference check', () => {
  it("spells the ends as the catalog does and counts a pair declared in both sources' overlays once", () => {
    const overlays = new Map([
      ['hr', overlay('hr', [{ from: 'legal.CLAIMS.Adjuster_Emp_No', to: 'hr.employees.emp_no' }])],
      ['legal', overlay('legal', [{ from: 'legal.claims.adjuster_emp_no', to: 'hr.Employees.Emp_No', description: 'The adjuster is an employee.' }])],
    ]);
    const { relationships, warnings } = resolveDeclaredRelationships(overlays, catalog);
    expect(warnings).toEqual([]);
    expect(relationships).toEqual([
      {
        from: { source: 'legal', table: 'claims', column: 'adjuster_emp_no' },
        to: { source: 'hr', table: 'employees', column: 'emp_no' },
        origin: 'declared',
        description: 'The adjuster is an employee.',
      },
    ]);
  });

  it('reports and drops ends the catalog does not hold and PII columns, keeps ends of a source that did not load', () => {
    const overlays = new Map([
      [
        'legal',
        overlay('legal', [
          { from: 'legal.claims.adjuster_id', to: 'hr.employees.emp_no' },
          { from: 'legal.claims.adjuster_emp_no', to: 'people.staff.emp_no' },
          { from: 'legal.claimz.adjuster_emp_no', to: 'hr.employees.emp_no' },
          { from: 'legal.claims.adjuster_email', to: 'hr.employees.first_name' },
          { from: 'legal.claims.claim_id', to: 'finance.all_stocks_5yr.whatever' },
          { from: 'legal.claims.adjuster_emp_no', to: 'hr.employees.first_name' },
        ]),
      ],
    ]);
    const { relationships, warnings } = resolveDeclaredRelationships(overlays, catalog);
    expect(warnings).toEqual([
      'overlay for source "legal": relationship legal.claims.adjuster_id → hr.employees.emp_no: column "claims.adjuster_id" does not exist in source "legal"',
      'overlay for source "legal": relationship legal.claims.adjuster_emp_no → people.staff.emp_no: source "people" is not configured',
      'overlay for source "legal": relationship legal.claimz.adjuster_emp_no → hr.employees.emp_no: table "claimz" does not exist in source "legal" (or is hidden)',
      'overlay for source "legal": relationship legal.claims.adjuster_email → hr.employees.first_name: column "claims.adjuster_email" of source "legal" holds personal data, which never leaves its source',
      'overlay for source "legal": relationship legal.claims.adjuster_emp_no → hr.employees.first_name: the columns hold different kinds of values (integer and varchar), so they never compare equal without a cast',
    ]);
    expect(relationships.map((relationship) => `${relationship.from.column} → ${relationship.to.source}.${relationship.to.column}`)).toEqual([
      'claim_id → finance.whatever',
      'adjuster_emp_no → hr.first_name',
    ]);
    expect(overlayReferenceWarnings(overlays, catalog)).toEqual(warnings);
  });

  it('reports a cross-source example naming a source that is not configured', () => {
    const overlays = new Map([['legal', { source: 'legal', crossSourceExamples: [{ question: 'Claims per region?', sources: ['legal', 'crm'], sql: 'SELECT 1' }] }]]);
    expect(overlayReferenceWarnings(overlays, catalog)).toEqual([
      'overlay for source "legal": cross-source example "Claims per region?" names sources that are not configured: crm',
    ]);
  });
});
