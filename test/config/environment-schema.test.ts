import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../../src/config/environment-schema.js';
import type { EnvironmentSetting } from '../../src/config/environment-setting.js';
import { renderSettingsDocument, settingsDocumentPath } from '../../src/config/settings-document.js';
import { tokenizerNames } from '../../src/llm/tokens/token-counter.js';
import { repositoryRoot } from '../helpers/services.js';

const settings: EnvironmentSetting<unknown>[] = Object.values(environmentSchema);
const declared = new Set(settings.map((setting) => setting.variable));

/** Names with the SWITCHYARD_ prefix that are no setting, and why they appear. */
const notSettings = new Map([
  // The demo's product API address: the service hands it to sources.yaml when it starts that server.
  ['SWITCHYARD_DEMO_API_URL', 'a sources.yaml variable'],
  // The README's Snowflake example names its role and warehouse so.
  ['SWITCHYARD_RO', 'a Snowflake role'],
  ['SWITCHYARD_WH', 'a Snowflake warehouse'],
]);

function filesUnder(folder: string, extensions: readonly string[]): string[] {
  return fs.readdirSync(path.join(repositoryRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.some((extension) => file.endsWith(extension)))
    .map((file) => path.join(folder, file));
}

describe('the environment schema', () => {
  it('declares each variable once, with a one-line description', () => {
    expect(declared.size).toBe(settings.length);
    for (const setting of settings) {
      expect(setting.description, setting.variable).toMatch(/^[A-Z`].*\.$/);
      expect(setting.description, setting.variable).not.toContain('\n');
    }
  });

  it('lists the tokenizers the token counter knows', () => {
    expect(environmentSchema.tokenizer.allowed).toBe(`one of ${tokenizerNames.join(', ')}`);
  });

  it('is what docs/settings.md says (run `npm run docs:settings` after changing it)', () => {
    expect(fs.readFileSync(path.join(repositoryRoot, settingsDocumentPath), 'utf8')).toBe(renderSettingsDocument());
  });

  it('declares every SWITCHYARD_ name the code, the container files and the docs mention', () => {
    const files = [
      ...filesUnder('src', ['.ts']),
      ...filesUnder('bench', ['.ts']),
      ...filesUnder('scripts', ['.mjs', '.ts']),
      ...filesUnder('docker', ['Dockerfile']),
      ...filesUnder('catalog', ['.yaml']),
      'docker-compose.yml',
      'README.md',
      settingsDocumentPath,
    ];
    const undeclared: string[] = [];
    for (const file of files) {
      // A line quoting the error about an unknown variable names one on purpose.
      const text = fs.readFileSync(path.join(repositoryRoot, file), 'utf8').replace(/^.*is not a Switchyard setting.*$/gm, '');
      for (const [name] of text.matchAll(/\bSWITCHYARD_[A-Z0-9_]*[A-Z0-9]_?/g)) {
        // `SWITCHYARD_SOURCE_*` and the like name a family of settings.
        const known = name.endsWith('_') ? [...declared].some((variable) => variable.startsWith(name)) : declared.has(name) || notSettings.has(name);
        if (!known) undeclared.push(`${file}: ${name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('is the only way into the environment: no other source file reads process.env', () => {
    // The AWS SDK notice sets a flag the SDK itself reads, before any module builds a client.
    const allowed = new Set(['src/config/service-config-reader.ts', 'src/aws-sdk-version-notice.ts']);
    const code = (file: string) => fs.readFileSync(path.join(repositoryRoot, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    const readers = filesUnder('src', ['.ts']).filter((file) => !allowed.has(file) && /process\.env\b/.test(code(file)));
    expect(readers).toEqual([]);
  });
});
