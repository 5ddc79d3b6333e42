import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { OverlayFile } from '../catalog/overlay-schema.js';
import type { SourceConfig } from '../sources/source-config.js';

/** A generated catalog folder and how to remove it. */
export interface TemporaryCatalog {
  /** Folder with sources.yaml (and an empty overlays/). */
  readonly directory: string;
  /** Deletes the folder. */
  remove(): Promise<void>;
}

/** Writes a catalog folder with one source per benchmark database (and their overlays) into a fresh temporary folder. */
export async function writeTemporaryCatalog(suite: string, sources: SourceConfig[], overlays: readonly OverlayFile[] = []): Promise<TemporaryCatalog> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), `switchyard-eval-${suite}-`));
  await fs.mkdir(path.join(directory, 'overlays'));
  await fs.writeFile(path.join(directory, 'sources.yaml'), stringify({ sources }), 'utf8');
  for (const overlay of overlays) await fs.writeFile(path.join(directory, 'overlays', `${overlay.source}.yaml`), stringify(overlay), 'utf8');
  return { directory, remove: () => fs.rm(directory, { recursive: true, force: true }) };
}

/** A source name the catalog accepts (`^[a-z][a-z0-9_-]{0,62}$`) for a benchmark database id. */
export function sourceNameFor(databaseId: string): string {
  const cleaned = databaseId.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  return (/^[a-z]/.test(cleaned) ? cleaned : `db_${cleaned}`).slice(0, 63);
}
