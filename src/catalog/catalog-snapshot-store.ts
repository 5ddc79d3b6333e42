import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogSnapshot } from './catalog-types.js';

const formatVersion = 1;

/** The persisted file: a snapshot plus what decides whether a later start may serve it. */
interface StoredSnapshot {
  /** File layout version; a file of another version is ignored rather than misread. */
  readonly format: number;
  /** The catalog folder the snapshot was built from; a snapshot of another folder is not served. */
  readonly catalogDirectory: string;
  /** The snapshot itself. */
  readonly snapshot: CatalogSnapshot;
}

/**
 * Keeps the last good snapshot on disk so a restart serves it at once, before the first refresh
 * finishes. One file per catalog folder (several services or tests may share a data folder);
 * written to a temporary file and renamed, so a crash never leaves half a snapshot.
 */
export class CatalogSnapshotStore {
  readonly #file: string;
  readonly #catalogDirectory: string;

  constructor(dataDirectory: string, catalogDirectory: string) {
    this.#catalogDirectory = catalogDirectory;
    const key = crypto.createHash('sha256').update(catalogDirectory).digest('hex').slice(0, 16);
    this.#file = path.join(dataDirectory, 'catalog-snapshots', `${key}.json`);
  }

  /** Where the snapshot is kept. */
  get file(): string {
    return this.#file;
  }

  /** The stored snapshot, or undefined when there is none or it is unreadable. */
  async load(): Promise<CatalogSnapshot | undefined> {
    try {
      const stored = JSON.parse(await fs.readFile(this.#file, 'utf8')) as StoredSnapshot;
      if (stored.format !== formatVersion || stored.catalogDirectory !== this.#catalogDirectory || !Array.isArray(stored.snapshot?.sources)) return undefined;
      return stored.snapshot;
    } catch {
      return undefined;
    }
  }

  /** Writes the snapshot atomically. */
  async save(snapshot: CatalogSnapshot): Promise<void> {
    await fs.mkdir(path.dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.${crypto.randomUUID()}.tmp`;
    const stored: StoredSnapshot = { format: formatVersion, catalogDirectory: this.#catalogDirectory, snapshot };
    await fs.writeFile(temporary, JSON.stringify(stored));
    await fs.rename(temporary, this.#file);
  }
}
