import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [file] : [];
  });
}

/**
 * The image installs production dependencies only (`npm ci --omit=dev`), so a package the service
 * loads at run time but lists under devDependencies starts fine here and crashes in the container.
 * Type-only imports and comments are erased from the build and may name anything.
 */
describe('packages the service loads at run time', () => {
  it('are production dependencies, not dev dependencies', () => {
    const devOnly = Object.keys(manifest.devDependencies).filter((name) => !name.startsWith('@types/') && manifest.dependencies[name] === undefined);
    const offending: string[] = [];
    for (const file of sourceFiles(path.join(root, 'src'))) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/^\s*(import|export) type\b/.test(line) || /^\s*(\/\/|\*|\/\*)/.test(line)) return;
          for (const name of devOnly) {
            const quoted = [`'${name}'`, `'${name}/`, `"${name}"`, `"${name}/`];
            if (quoted.some((text) => line.includes(text))) offending.push(`${path.relative(root, file)}:${index + 1} loads ${name}`);
          }
        });
    }
    expect(offending).toEqual([]);
  });

  it('include the SQLite engine, since `kind: sqlite` sources run in production', () => {
    expect(manifest.dependencies['sql.js']).toBeDefined();
    expect(manifest.devDependencies['sql.js']).toBeUndefined();
  });
});
