import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot, CatalogSource } from '../../src/catalog/catalog-types.js';
import { applyOverlayPolicy } from '../../src/catalog/overlay-policy.js';
import { snapshotVersion } from '../../src/catalog/snapshot-version.js';
import { renderSchemaWithSamples } from '../../src/catalog/table-info-renderer.js';
import { getDialect } from '../../src/dialects/dialect-registry.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { catalogTestBed, salesOverlay } from './catalog-fixture.js';

describe('overlay policy: PII and hidden tables on every path, reference checks, stable versions', () => {
  const bed = catalogTestBed();
  const open = () => bed.open();

  const usersOf = (snapshot: CatalogSnapshot) => snapshot.sources[0]!.tables.find((table) => table.name === 'users')!;

  it('matches PII and hidden entries whatever the case the engine folds names to', async () => {
    await bed.create();
    await bed.fixture.writeOverlay('sales.yaml', salesOverlay.replace('pii: [email]', 'pii: [EMAIL, FirstName]').replace('  date:', '  DATE:'));
    const snapshot = await (await open()).refresh();
    const users = usersOf(snapshot);
    for (const name of ['email', 'firstname']) {
      const column = users.columns.find((candidate) => candidate.name === name)!;
      expect(column.pii).toBe(true);
      expect(column.sampleValues).toBeUndefined();
      expect(users.sampleRows.every((row) => row[users.columns.indexOf(column)] === null)).toBe(true);
    }
    expect(snapshot.sources[0]!.tables.map((table) => table.name)).not.toContain('date');
  });

  it('applies PII marks added since to the persisted snapshot a restart serves', async () => {
    const first = await open();
    const before = usersOf(await first.refresh());
    expect(before.columns.find((column) => column.name === 'firstname')?.sampleValues?.length).toBeGreaterThan(0);
    await first.close();

    await bed.fixture.writeOverlay('sales.yaml', salesOverlay.replace('pii: [email]', 'pii: [email, firstname]'));
    const restarted = await open();
    expect(await restarted.loadPersisted()).toBe(true);
    const firstname = usersOf(restarted.snapshot).columns.find((column) => column.name === 'firstname')!;
    expect(firstname).toMatchObject({ pii: true });
    expect(firstname.sampleValues).toBeUndefined();
    expect(JSON.stringify(usersOf(restarted.snapshot).sampleRows)).not.toContain(String(before.columns.find((column) => column.name === 'firstname')!.sampleValues![0]));
  });

  it('serves the persisted snapshot when an overlay broke while the service was down, and reports the error', async () => {
    const first = await open();
    const good = await first.refresh();
    await first.close();

    await bed.fixture.writeOverlay('sales.yaml', 'source: sales\ntables: [unclosed\n');
    const restarted = await open();
    expect(await restarted.loadPersisted()).toBe(true);
    expect(restarted.snapshot.version).toBe(good.version);
    const failure = await restarted.refresh().catch((error: unknown) => error);
    expect(SwitchyardError.isInstance(failure) && failure.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect(restarted.status().lastRefresh?.error).toMatch(/sales\.yaml:\d+/);
    expect(restarted.snapshot.version).toBe(good.version);
  });

  it('still refuses to start on a bad overlay when there is no snapshot to serve', async () => {
    await bed.create();
    await bed.fixture.writeOverlay('sales.yaml', 'source: sales\ntables: [unclosed\n');
    const failure = await open().catch((error: unknown) => error);
    expect(SwitchyardError.isInstance(failure) && failure.code).toBe('SWY_ERR_CONFIG_INVALID');
  });

  it('reports overlay entries naming a source, table or column the catalog does not hold', async () => {
    await bed.create();
    await bed.fixture.writeOverlay('sales.yaml', `${salesOverlay}\n  userz:\n    description: Typo\n  event:\n    pii: [venue_name]\n    columns:\n      eventname: Name of the event\n`);
    await bed.fixture.writeOverlay('crm.yaml', 'source: crm\ndescription: Not configured\n');
    const service = await open();
    await service.refresh();
    const warnings = service.status().lastRefresh?.warnings ?? [];
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/source "crm": no such source/), expect.stringMatching(/table "userz" does not exist/), expect.stringMatching(/column "event\.venue_name" does not exist/)]),
    );
    expect(warnings).toHaveLength(3);
  });

  it('hands each snapshot to listeners before serving it', async () => {
    const service = await open();
    const seen: { version: string; servedBefore: boolean }[] = [];
    service.onSnapshot((snapshot) => seen.push({ version: snapshot.version, servedBefore: service.isLoaded && service.snapshot === snapshot }));
    const snapshot = await service.refresh();
    expect(seen).toEqual([{ version: snapshot.version, servedBefore: false }]);
  });

  it('drops foreign keys into a hidden table, so no prompt names it', () => {
    const column = (name: string) => ({ name, type: 'integer', nullable: false });
    const source: CatalogSource = {
      name: 'bank',
      kind: 'postgres',
      dialect: 'postgres',
      description: 'Bank',
      examples: [],
      status: { healthy: true },
      tables: [
        { name: 'payments', columns: [column('id'), column('account_id')], sampleRows: [], foreignKeys: [{ column: 'account_id', referencedTable: 'secret_accounts', referencedColumn: 'id' }] },
        { name: 'secret_accounts', columns: [column('id')], sampleRows: [], foreignKeys: [] },
      ],
    };
    expect(renderSchemaWithSamples(source.tables, getDialect('postgres'))).toContain('secret_accounts');
    const curated = applyOverlayPolicy(source, { source: 'bank', tables: { Secret_Accounts: { hidden: true } } });
    expect(curated.tables.map((table) => table.name)).toEqual(['payments']);
    expect(renderSchemaWithSamples(curated.tables, getDialect('postgres'))).not.toContain('secret_accounts');
  });

  it('versions by content, not by the order a loader wrote the keys in', () => {
    const source: CatalogSource = { name: 'sales', kind: 'duckdb', dialect: 'duckdb', description: 'Sales', examples: [], tables: [], status: { healthy: true } };
    const reordered = { status: { healthy: false, error: 'down' }, tables: [], examples: [], description: 'Sales', dialect: 'duckdb', kind: 'duckdb', name: 'sales' } as CatalogSource;
    expect(snapshotVersion([reordered])).toBe(snapshotVersion([source]));
    expect(snapshotVersion([{ ...source, description: 'Ticket sales' }])).not.toBe(snapshotVersion([source]));
  });
});
