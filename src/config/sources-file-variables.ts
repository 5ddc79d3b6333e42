import fs from 'node:fs';
import path from 'node:path';
import { interpolationPattern } from './yaml-file-reader.js';

/**
 * The variables `sources.yaml` in the catalog folder reads as `${NAME}`: an operator may name their
 * own with the SWITCHYARD_ prefix. None when the file cannot be read; its reader reports that.
 */
export function sourcesFileVariableNames(catalogDirectory: string): ReadonlySet<string> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(catalogDirectory, 'sources.yaml'), 'utf8');
  } catch {
    return new Set();
  }
  return new Set([...text.matchAll(interpolationPattern)].map((match) => match[1] ?? ''));
}
