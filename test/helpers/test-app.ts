import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import type { LanguageModel } from '../../src/llm/language-model.js';
import { testDataDirectory } from './global-setup.js';
import { repositoryRoot } from './services.js';

/** Options for a test instance of the service. */
export interface TestAppOptions {
  /** The model double; omit to test the "no LLM configured" path. */
  readonly languageModel?: LanguageModel;
  /** Extra environment (settings and LLM variables), read as the server reads its own: an unknown SWITCHYARD_ name fails. */
  readonly environment?: Record<string, string>;
  /** Catalog folder; default is the repository's demo catalog. */
  readonly catalogDirectory?: string;
}

/** Builds the real app on the demo data (generated once by the global setup), without listening. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<FastifyInstance> {
  const keysGiven = options.environment?.SWITCHYARD_API_KEYS !== undefined || options.environment?.SWITCHYARD_AUTH !== undefined;
  const environment = {
    // A test catalog other than the demo would otherwise refuse to start without keys; tests that
    // exercise auth pass their own keys or mode.
    ...(options.catalogDirectory !== undefined && !keysGiven ? { SWITCHYARD_AUTH: 'off' } : {}),
    SWITCHYARD_DATA_DIR: testDataDirectory,
    SWITCHYARD_CATALOG_DIR: options.catalogDirectory ?? path.join(repositoryRoot, 'catalog'),
    ...options.environment,
  };
  return buildApp({
    config: readServiceConfig(environment),
    ...(options.languageModel ? { languageModel: options.languageModel } : {}),
  });
}
