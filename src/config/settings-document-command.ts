/**
 * Command line: `npm run docs:settings` (tsx src/config/settings-document-command.ts). Writes
 * docs/settings.md from the environment schema; a test fails while the file and the schema differ.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { findProjectRoot } from './project-root.js';
import { renderSettingsDocument, settingsDocumentPath } from './settings-document.js';

const file = path.join(findProjectRoot(), settingsDocumentPath);
await fs.mkdir(path.dirname(file), { recursive: true });
await fs.writeFile(file, renderSettingsDocument());
console.log(`wrote ${settingsDocumentPath}`);
