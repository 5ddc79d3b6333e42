import path from 'node:path';
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SourcesFileSchema } from '../../src/sources/source-config.js';
import { readYamlFile } from '../../src/config/yaml-file-reader.js';
import type { RestConnection } from '../../src/connectors/rest/rest-connection-schema.js';
import { loadOpenApiDocument } from '../../src/connectors/rest/openapi-document.js';
import { validateOperationParameters } from '../../src/connectors/rest/openapi-parameter-validator.js';
import { parseRequestText } from '../../src/connectors/rest/openapi-request-text.js';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { repositoryRoot } from '../helpers/services.js';

// Few-shot examples teach the model what SQL to write; an example the guard would reject teaches it
// to write rejected SQL, so every shipped example must pass the guard for its source's dialect. A
// REST source's examples are request text instead, and must be valid plans for its OpenAPI document.
describe('curated few-shot examples', async () => {
  const guard = await SqlGuard.create();
  const catalogDirectory = path.join(repositoryRoot, 'catalog');
  const overlayDirectory = path.join(catalogDirectory, 'overlays');
  const files = (await fs.readdir(overlayDirectory)).filter((file) => file.endsWith('.yaml'));
  const sourcesFile = await readYamlFile(path.join(catalogDirectory, 'sources.yaml'), SourcesFileSchema, {
    environment: { SWITCHYARD_CATALOG_DIR: catalogDirectory, SWITCHYARD_DATA_DIR: 'data' },
  });

  it.each(files)('%s: every example passes the guard (SQL) or validates as a plan (REST)', async (file) => {
    const overlay = parse(await fs.readFile(path.join(overlayDirectory, file), 'utf8')) as {
      source: string;
      tables: Record<string, unknown>;
      examples: { question: string; sql: string }[];
    };
    expect(overlay.examples.length).toBeGreaterThan(0);
    const source = sourcesFile.sources.find((candidate) => candidate.name === overlay.source);
    if (source?.kind === 'rest') {
      const document = await loadOpenApiDocument((source.connection as RestConnection).document, source.name, 5000);
      for (const example of overlay.examples) {
        const plan = parseRequestText(example.sql, document.operations);
        expect(plan, `${example.question}\n${example.sql}`).toBeDefined();
        const operation = document.operations.find((candidate) => candidate.operationId === plan?.operation);
        expect(Object.keys(overlay.tables)).toContain(plan?.operation);
        expect(validateOperationParameters(operation!, plan!.parameters), example.sql).toEqual([]);
      }
      return;
    }
    for (const example of overlay.examples) {
      const verdict = guard.check({ sql: example.sql, dialect: 'duckdb', allowedTables: Object.keys(overlay.tables), rowLimit: 1001 });
      expect(verdict, `${example.question}\n${example.sql}`).toMatchObject({ allowed: true });
    }
  });
});
