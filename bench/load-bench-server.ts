/**
 * The service under load for `npm run bench:load`, in its own process so neither the load generator
 * nor the fake LLM shares its event loop: the demo DuckDB sources, the zero-latency fake LLM whose
 * URL the parent passes in OPENAI_BASE_URL, no rate limit. Prints `{"port": N}` once listening;
 * exits on SIGTERM.
 */
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { readServiceConfig } from '../src/config/service-config-reader.js';
import { findProjectRoot } from '../src/config/project-root.js';

const root = findProjectRoot();
const environment: NodeJS.ProcessEnv = {
  ...process.env,
  SWITCHYARD_CATALOG_DIR: path.join(root, 'catalog'),
  SWITCHYARD_DATA_DIR: process.env.SWITCHYARD_DATA_DIR ?? path.join(root, '.artifacts', 'bench-data'),
  SWITCHYARD_LLM: 'openai',
  SWITCHYARD_LLM_MODEL: 'fake-model',
  SWITCHYARD_RATE_LIMIT_MAX: '0',
  LOG_LEVEL: 'warn',
};
const app = await buildApp({ config: readServiceConfig(environment), logger: { level: 'warn' } });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`);

process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
