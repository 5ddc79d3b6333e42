import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
