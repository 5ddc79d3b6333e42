import fs from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { OverlayFileSchema, type OverlayFile } from './overlay-schema.js';
import { readYamlFile } from '../config/yaml-file-reader.js';
import { relationshipDeclarationProblems, type DeclarationProblem } from './declared-relationships.js';
import { crossSourceExampleProblems } from './cross-source-example-check.js';

/** The line of `file` where the YAML node at `problem.path` starts, when it can be found. */
async function lineOf(file: string, problem: DeclarationProblem): Promise<number | undefined> {
  const lineCounter = new LineCounter();
  const document = parseDocument(await fs.readFile(file, 'utf8'), { lineCounter });
  const node = document.getIn(problem.path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
}

/** Refuses an overlay whose relationships or cross-source examples are malformed before the catalog is consulted: file, line and what to write instead. */
async function checkDeclarations(file: string, overlay: OverlayFile): Promise<void> {
  const [problem] = [...relationshipDeclarationProblems(overlay), ...crossSourceExampleProblems(overlay)];
  if (problem === undefined) return;
  const line = await lineOf(file, problem);
  const where = `/${problem.path.join('/')}`;
  throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${file}${line ? `:${line}` : ''}: ${where} ${problem.message}`, {
    details: { file, line, path: where },
  });
}

/**
 * Reads every overlay; a bad one is a SWY_ERR_CONFIG_INVALID naming its file and line, and so is a
 * second file for the same source (otherwise the later file would silently replace the earlier one).
 */
export async function readOverlays(directory: string): Promise<Map<string, OverlayFile>> {
  const overlays = new Map<string, OverlayFile>();
  const files = new Map<string, string>();
  let entries: string[];
  try {
    entries = await fs.readdir(directory);
  } catch (error) {
    // No overlays folder means no curation; an unreadable one must not silently drop every overlay.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return overlays;
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${directory}: the overlays folder cannot be read (${(error as Error).message})`, {
      details: { file: directory },
      cause: error,
    });
  }
  for (const entry of entries.filter((name) => /\.ya?ml$/.test(name)).sort()) {
    const file = path.join(directory, entry);
    const overlay = await readYamlFile(file, OverlayFileSchema);
    await checkDeclarations(file, overlay);
    const earlier = files.get(overlay.source);
    if (earlier !== undefined) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${file}: source "${overlay.source}" already has the overlay ${earlier}`, {
        details: { file, source: overlay.source },
      });
    }
    files.set(overlay.source, file);
    overlays.set(overlay.source, overlay);
  }
  return overlays;
}
