import { describe, expect, it } from 'vitest';
import { renderRoutingCatalog, renderSchemaWithSamples } from '../../src/catalog/table-info-renderer.js';
import { getDialect } from '../../src/dialects/dialect-registry.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { catalogTestBed, salesOverlay } from './catalog-fixture.js';

describe('consolidated catalog: overlays, refresh and persistence', () => {
  const bed = catalogTestBed();
  const open = () => bed.open();

  it('merges synonyms, glossary, value meanings, hidden tables and PII columns', async () => {
    const snapshot = await (await open()).refresh();
    const sales = snapshot.sources[0]!;
    expect(sales.tables.map((table) => table.name)).not.toContain('date');
    expect(sales.glossary).toEqual([{ term: 'gross merchandise value', definition: 'Sum of pricepaid over all sales', tables: ['sales'] }]);
    const users = sales.tables.find((table) => table.name === 'users')!;
    expect(users.synonyms).toEqual(['customers', 'buyers']);
    const email = users.columns.find((column) => column.name === 'email')!;
    const phone = users.columns.find((column) => column.name === 'phone')!;
    expect(email).toMatchObject({ pii: true });
    expect(phone).toMatchObject({ pii: true, description: 'Phone number' });
    expect(email.sampleValues).toBeUndefined();
    expect(phone.sampleValues).toBeUndefined();
    const emailIndex = users.columns.indexOf(email);
    expect(users.sampleRows.length).toBeGreaterThan(0);
    expect(users.sampleRows.every((row) => row[emailIndex] === null)).toBe(true);
    expect(users.columns.find((column) => column.name === 'likesports')?.valueMeanings).toEqual({ true: 'likes sports events' });
    // Low-cardinality text columns carry their distinct values.
    const state = users.columns.find((column) => column.name === 'state');
    expect(state?.distinctValues === undefined || state.distinctValues.length <= 20).toBe(true);
    // Prompts never show PII columns.
    const prompt = renderSchemaWithSamples([users], getDialect('duckdb'));
    expect(prompt).not.toMatch(/"email"|"phone"|@/);
    expect(prompt).toContain('likes sports events');
    expect(renderRoutingCatalog([sales])).not.toMatch(/email|phone/);
  });

  it('keeps the old snapshot when an overlay becomes invalid, naming file and line', async () => {
    const service = await open();
    const before = await service.refresh();
    await bed.fixture.writeOverlay('sales.yaml', `${salesOverlay}\n  venue:\n    colums: {}\n`);
    const failure = await service.refresh().catch((error: unknown) => error);
    expect(SwitchyardError.isInstance(failure) && failure.code).toBe('SWY_ERR_CONFIG_INVALID');
    expect((failure as Error).message).toMatch(/sales\.yaml:1[67]:/);
    expect(service.snapshot).toBe(before);
    expect(service.status().lastRefresh?.error).toMatch(/sales\.yaml/);

    await bed.fixture.writeOverlay('sales.yaml', 'source: sales\ntables: [unclosed\n');
    const syntax = (await service.refresh().catch((error: unknown) => error)) as Error;
    expect(syntax.message).toMatch(/sales\.yaml:\d+:/);
    expect(service.snapshot).toBe(before);

    // An unclosed quote runs to the end of the file; the error names the line where it opens.
    await bed.fixture.writeOverlay('sales.yaml', 'source: sales\ntables:\n  users:\n    description: "Registered users\n    synonyms: [buyers]\n  venue:\n    description: Places\n');
    const quote = (await service.refresh().catch((error: unknown) => error)) as Error;
    expect(quote.message).toMatch(/sales\.yaml:4: Missing closing "quote/);
    expect(service.snapshot).toBe(before);
  });

  it('versions by content and serves the persisted snapshot after a restart', async () => {
    const first = await open();
    const snapshot = await first.refresh();
    expect(snapshot.version).toMatch(/^[0-9a-f]{16}$/);
    expect((await first.refresh()).version).toBe(snapshot.version);
    await first.close();

    const restarted = await open();
    expect(restarted.isLoaded).toBe(false);
    expect(await restarted.loadPersisted()).toBe(true);
    expect(restarted.snapshot.version).toBe(snapshot.version);
    expect(restarted.snapshot.sources[0]?.tables.length).toBe(snapshot.sources[0]?.tables.length);

    await bed.fixture.writeOverlay('sales.yaml', salesOverlay.replace('Ticket sales', 'Ticket sales and buyers'));
    const changed = await restarted.refresh();
    expect(changed.version).not.toBe(snapshot.version);
  });

  it('refuses a second refresh while one runs', async () => {
    const service = await open();
    const running = service.refresh();
    const second = await service.refresh().catch((error: unknown) => error);
    expect(SwitchyardError.isInstance(second) && second.code).toBe('SWY_ERR_REFRESH_IN_PROGRESS');
    expect(service.status().refreshing).toBe(true);
    await running;
    expect(service.status()).toMatchObject({ refreshing: false, sources: [{ name: 'sales', origin: 'introspection', healthy: true, error: null }] });
  });
});
