/**
 * Command line: `tsx src/demo/generate-demo-command.ts [--data-dir data] [--force] [--seed N] [--scale 0.1]`.
 * Builds (or confirms) the embedded demo data the way the server does on first start.
 */
import { parseArgs } from 'node:util';
import { readServiceConfig } from '../config/service-config-reader.js';
import { defaultDemoSeed, demoDirectoryOf, ensureDemoData } from './demo-data-generator.js';

const { values } = parseArgs({
  options: {
    // Where the server generates it, SWITCHYARD_DATA_DIR, unless the command line says otherwise.
    'data-dir': { type: 'string', default: readServiceConfig().dataDirectory },
    force: { type: 'boolean', default: false },
    seed: { type: 'string', default: String(defaultDemoSeed) },
    scale: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: tsx src/demo/generate-demo-command.ts [--data-dir data] [--force] [--seed N] [--scale 0.1]');
  process.exit(0);
}

const dataDir = values['data-dir'];
const seed = Number(values.seed);
const scale = Number(values.scale);
try {
  const result = await ensureDemoData(dataDir, { seed, scale, force: values.force });
  const verb = result.generated ? 'Generated' : 'Reused existing';
  console.log(`${verb} demo data in ${demoDirectoryOf(dataDir)} (seed ${seed}, scale ${scale}) in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  for (const [table, rows] of Object.entries(result.rowCounts)) console.log(`  ${table.padEnd(24)} ${rows.toLocaleString('en-US').padStart(9)} rows`);
} catch (error) {
  console.error(error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : error);
  process.exitCode = 1;
}
