import fs from 'node:fs/promises';
import path from 'node:path';
import { OverlayFileSchema, type OverlayFile } from './overlay-schema.js';
import { readYamlFile } from './yaml-file-reader.js';

/** Reads every overlay; a bad one is a SWY_ERR_CONFIG_INVALID naming its file and line. */
export async function readOverlays(directory: string): Promise<Map<string, OverlayFile>> {
  const overlays = new Map<string, OverlayFile>();
  let entries: string[];
  try {
    entries = await fs.readdir(directory);
  } catch {
    return overlays;
  }
  for (const entry of entries.filter((name) => /\.ya?ml$/.test(name)).sort()) {
    const overlay = await readYamlFile(path.join(directory, entry), OverlayFileSchema);
    overlays.set(overlay.source, overlay);
  }
  return overlays;
}
