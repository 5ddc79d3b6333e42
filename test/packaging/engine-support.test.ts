import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

/**
 * `npm ci` warns EBADENGINE for every locked package whose `engines.node` excludes the Node we
 * support, and such a package may use APIs our Node lacks. The lock file records each package's
 * engines, so the check needs no install: every one must accept the oldest Node the manifest allows.
 */
describe('the locked packages', () => {
  it('all accept the oldest Node version Switchyard supports', () => {
    const oldest = semver.minVersion(manifest.engines.node)!.version;
    const refusing = Object.entries(lock.packages)
      .filter(([location]) => location !== '')
      .flatMap(([location, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        if (range === undefined || semver.satisfies(oldest, range, { includePrerelease: true })) return [];
        return [`${location.replace(/^.*node_modules\//, '')}@${entry.version} needs node ${range}`];
      });
    expect(refusing).toEqual([]);
  });
});
