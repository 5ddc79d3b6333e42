import path from 'node:path';
import { ensureDemoData } from '../../src/demo/demo-data-generator.js';
import { repositoryRoot } from './services.js';

/** Demo data shared by every test file, generated once per run (idempotent: reused when present). */
export const testDataDirectory = path.join(repositoryRoot, '.artifacts', 'test-data');

export default async function setup(): Promise<void> {
  const outcome = await ensureDemoData(testDataDirectory);
  if (outcome.generated) console.log(`[setup] demo data generated in ${outcome.elapsedMs} ms`);
}
