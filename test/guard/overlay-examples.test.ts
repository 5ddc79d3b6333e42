import path from 'node:path';
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { repositoryRoot } from '../helpers/services.js';

// Few-shot examples teach the model what SQL to write; an example the guard would reject teaches it
// to write rejected SQL, so every shipped example must pass the guard for its source's dialect.
describe('curated few-shot examples', async () => {
  const guard = await SqlGuard.create();
  const overlayDirectory = path.join(repositoryRoot, 'catalog', 'overlays');
  const files = (await fs.readdir(overlayDirectory)).filter((file) => file.endsWith('.yaml'));

  it.each(files)('%s: every example passes the guard', async (file) => {
    const overlay = parse(await fs.readFile(path.join(overlayDirectory, file), 'utf8')) as {
      tables: Record<string, unknown>;
      examples: { question: string; sql: string }[];
    };
    expect(overlay.examples.length).toBeGreaterThan(0);
    for (const example of overlay.examples) {
      const verdict = guard.check({ sql: example.sql, dialect: 'duckdb', allowedTables: Object.keys(overlay.tables), rowLimit: 1001 });
      expect(verdict, `${example.question}\n${example.sql}`).toMatchObject({ allowed: true });
    }
  });
});
