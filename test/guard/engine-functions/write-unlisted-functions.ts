/*
 * Adds an engine's functions that are on no list of the guard to its reviewed-unlisted file, so that a
 * reviewer who has read them can accept an engine upgrade: `npm run guard:functions -- duckdb`. Run it
 * only after deciding, name by name, that none of the new functions belongs on the allow-list; every
 * name it writes stays refused. Names the engine no longer has are dropped.
 */
import fs from 'node:fs';
import { classify, readUnlisted, unlistedFile } from './engine-function-classifier.js';
import { engineFunctionReaders, type ListedEngine } from './engine-function-reader.js';

const header = `# Functions this engine knows that the guard deliberately leaves off its allow-list: reviewed and not
# needed to answer questions (administration, type plumbing, compatibility shims, niche types), so they are
# refused as unlisted-function unless an overlay allows one for a source. A function the engine adds in an
# upgrade is on no list and fails test/guard/engine-function-lists.test.ts until someone classifies it.
`;

const engine = process.argv[2] as ListedEngine | undefined;
if (engine === undefined || !(engine in engineFunctionReaders)) {
  console.error(`usage: npm run guard:functions -- <${Object.keys(engineFunctionReaders).join('|')}>`);
  process.exit(2);
}
const functions = await engineFunctionReaders[engine]();
const previous = readUnlisted(engine);
const kept = functions.filter((item) => {
  const found = classify(engine, item, new Set());
  return found === undefined;
});
const added = kept.filter((item) => !previous.has(item.name)).map((item) => item.name);
fs.writeFileSync(unlistedFile(engine), `${header}${kept.map((item) => item.name).join('\n')}\n`);
console.log(`${engine}: ${kept.length} unlisted (${added.length} new: ${added.join(', ') || 'none'})`);
