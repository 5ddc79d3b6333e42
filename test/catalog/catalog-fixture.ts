import fs from 'node:fs/promises';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { CatalogService } from '../../src/catalog/catalog-service.js';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { openCatalog, type OpenedCatalog } from '../helpers/catalog-opener.js';
import { testDataDirectory } from '../helpers/global-setup.js';

/** A temporary catalog folder over the demo sales and legal data, with its own data folder. */
export interface CatalogFixture {
  /** Catalog folder (sources.yaml, overlays/). */
  readonly catalogDirectory: string;
  /** Data folder (persisted snapshots). */
  readonly dataDirectory: string;
  /** Writes overlays/<name>. */
  writeOverlay(name: string, text: string): Promise<void>;
  /** Removes both folders. */
  remove(): Promise<void>;
}

export const salesOverlay = [
  'source: sales',
  'description: Ticket sales',
  'glossary:',
  '  - term: gross merchandise value',
  '    definition: Sum of pricepaid over all sales',
  '    tables: [sales]',
  'tables:',
  '  users:',
  '    synonyms: [customers, buyers]',
  '    pii: [email]',
  '    columns:',
  '      phone: { description: Phone number, pii: true }',
  '      likesports: { description: Likes sports, values: { "true": likes sports events } }',
  '  date:',
  '    hidden: true',
].join('\n');

/** Creates the fixture; `extraSources` lines are appended to sources.yaml. */
export async function createCatalogFixture(extraYaml = ''): Promise<CatalogFixture> {
  const catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-catalog-'));
  const dataDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-data-'));
  await fs.mkdir(path.join(catalogDirectory, 'overlays'));
  await fs.writeFile(
    path.join(catalogDirectory, 'sources.yaml'),
    [
      'sources:',
      '  - name: sales',
      '    kind: duckdb',
      '    description: Ticket sales',
      `    connection: { database: ${path.join(testDataDirectory, 'demo', 'sales.duckdb')} }`,
      extraYaml,
    ].join('\n'),
  );
  await fs.writeFile(path.join(catalogDirectory, 'overlays', 'sales.yaml'), salesOverlay);
  return {
    catalogDirectory,
    dataDirectory,
    writeOverlay: (name, text) => fs.writeFile(path.join(catalogDirectory, 'overlays', name), text),
    remove: async () => {
      await fs.rm(catalogDirectory, { recursive: true, force: true });
      await fs.rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Opens the fixture's sources and a catalog over them with a silent logger; the caller closes them. */
export async function openFixtureCatalog(fixture: CatalogFixture): Promise<OpenedCatalog> {
  return openCatalog(readServiceConfig({ SWITCHYARD_CATALOG_DIR: fixture.catalogDirectory, SWITCHYARD_DATA_DIR: fixture.dataDirectory }));
}

/** A fixture and the services opened over it in one test, removed and closed after each test. */
export interface CatalogTestBed {
  /** The current test's fixture (created by `create` or the first `open`). */
  readonly fixture: CatalogFixture;
  /** Creates the fixture, so overlays can be written before the first service opens. */
  create(): Promise<CatalogFixture>;
  /** Opens a service over the fixture, creating it first if needed. */
  open(): Promise<CatalogService>;
}

/** Registers the clean-up and returns the test bed; call inside `describe`. */
export function catalogTestBed(): CatalogTestBed {
  let fixture: CatalogFixture | undefined;
  const opened: OpenedCatalog[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((service) => service.close()));
    await fixture?.remove();
    fixture = undefined;
  });
  const create = async () => (fixture = await createCatalogFixture());
  return {
    get fixture() {
      if (fixture === undefined) throw new Error('no fixture yet: call create() or open() first');
      return fixture;
    },
    create,
    async open() {
      const service = await openFixtureCatalog(fixture ?? (await create()));
      opened.push(service);
      return service.catalog;
    },
  };
}
