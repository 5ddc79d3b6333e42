import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/services.js';

const run = promisify(execFile);

describe('npm start builds only when something changed', () => {
  let project: string | undefined;
  afterEach(async () => {
    if (project !== undefined) await fs.rm(project, { recursive: true, force: true });
  });

  it('runs the build script from prestart', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.prestart).toBe('node scripts/build-when-changed.mjs');
    expect(JSON.parse(await fs.readFile(path.join(repositoryRoot, 'tsconfig.build.json'), 'utf8')).compilerOptions).toMatchObject({
      incremental: true,
      tsBuildInfoFile: 'dist/.tsbuildinfo',
    });
  });

  it('skips the build when no source changed, and builds after an edit, a new file, a deleted file or a deleted dist/', async () => {
    project = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-build-'));
    const root = project;
    // A stand-in build that counts its runs and writes the marker tsc would.
    const build = "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});fs.writeFileSync('dist/.tsbuildinfo','x');fs.appendFileSync('builds','.')";
    await fs.writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'probe', private: true, scripts: { build: `node -e "${build}"` } }));
    await fs.mkdir(path.join(root, 'scripts'));
    await fs.mkdir(path.join(root, 'src'));
    await fs.copyFile(path.join(repositoryRoot, 'scripts', 'build-when-changed.mjs'), path.join(root, 'scripts', 'build-when-changed.mjs'));
    await fs.writeFile(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    const builds = async () => {
      await run(process.execPath, ['scripts/build-when-changed.mjs'], { cwd: root, timeout: 30_000 });
      return (await fs.readFile(path.join(root, 'builds'), 'utf8')).length;
    };
    // File times are compared, so each change must land after the last build's mark.
    const later = async (change: () => Promise<void>) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await change();
    };

    expect(await builds()).toBe(1);
    expect(await builds()).toBe(1);
    await later(() => fs.writeFile(path.join(root, 'src', 'a.ts'), 'export const a = 2;\n'));
    expect(await builds()).toBe(2);
    expect(await builds()).toBe(2);
    await later(() => fs.writeFile(path.join(root, 'src', 'b.ts'), 'export const b = 1;\n'));
    expect(await builds()).toBe(3);
    await later(() => fs.rm(path.join(root, 'src', 'b.ts')));
    expect(await builds()).toBe(4);
    await fs.rm(path.join(root, 'dist'), { recursive: true });
    expect(await builds()).toBe(5);
    expect(await builds()).toBe(5);
  });
});
