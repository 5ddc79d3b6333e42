import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { attackFilePrefix } from './file-listing.js';
import { buildObservedApp, type ObservedApp } from './observed-app-builder.js';

/** An app over one DuckDB source, with its catalog folder removed at close. */
export interface SingleSourceApp extends ObservedApp {
  /** Stops the app and removes the catalog folder. */
  close(): Promise<void>;
}

/** Starts the real app over one DuckDB database file as source `name`; `environment` adds settings. */
export async function startSingleDuckDbApp(name: string, databaseFile: string, environment: Record<string, string>): Promise<SingleSourceApp> {
  const catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), `${attackFilePrefix}catalog-`));
  await fs.writeFile(
    path.join(catalogDirectory, 'sources.yaml'),
    `sources:\n  - name: ${name}\n    kind: duckdb\n    description: "${name} data"\n    connection:\n      database: ${databaseFile}\n`,
  );
  const observed = await buildObservedApp(catalogDirectory, environment);
  return {
    ...observed,
    close: async () => {
      await observed.app.close();
      await fs.rm(catalogDirectory, { recursive: true, force: true });
    },
  };
}
