import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repositoryRoot } from '../../helpers/services.js';

/** Prefix of every path an attack names for a file to write, in the system temporary folder. */
export const attackFilePrefix = `swy-redteam-${process.pid}-`;

async function listRecursively(directory: string, depth: number): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch {
    return ['(absent)'];
  }
  const names: string[] = [];
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    names.push(full);
    if (entry.isDirectory() && depth > 0) names.push(...(await listRecursively(full, depth - 1)));
  }
  return names.sort();
}

/**
 * Snapshot entries for watched folders (every file name, a few levels deep) and for files in the
 * system temporary folder that carry the attack prefix (the database servers write there as their own
 * user, so no folder of ours can be named for them).
 */
export async function fileListing(directories: readonly (readonly [directory: string, depth: number])[]): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const [directory, depth] of directories) entries[`files in ${directory}`] = (await listRecursively(directory, depth)).join('\n');
  const temporary = await fs.readdir(os.tmpdir());
  entries['attack files in the temporary folder'] = temporary.filter((name) => name.startsWith(attackFilePrefix)).join('\n');
  return entries;
}

/**
 * Removes what an attack that got through wrote under the attack prefix (temporary folder, working
 * folder). Synchronous on purpose: statements that never end can hold every thread of libuv's pool,
 * where asynchronous file calls would wait behind them.
 */
export function removeAttackFiles(): void {
  for (const directory of [os.tmpdir(), repositoryRoot]) {
    for (const name of fsSync.readdirSync(directory)) {
      if (!name.startsWith(attackFilePrefix)) continue;
      try {
        fsSync.rmSync(path.join(directory, name), { recursive: true, force: true });
      } catch {
        // Files a database server wrote as its own user cannot be removed by us; they were reported, not hidden.
      }
    }
  }
}
