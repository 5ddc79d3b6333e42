import path from 'node:path';
import { SourcesFileSchema, type SourcesFile } from '../config/source-config.js';
import type { Settings } from '../config/settings.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { readYamlFile } from './yaml-file-reader.js';

/**
 * Reads and checks catalog/sources.yaml: `${NAME}` values come from the environment plus the data and
 * catalog folders and any `variables` (a local server's address known only at start); source names
 * are unique and every Glue database mapping names a configured source.
 */
export async function readSourcesFile(settings: Settings, variables: Record<string, string>): Promise<SourcesFile> {
  const sourcesPath = path.join(settings.catalogDirectory, 'sources.yaml');
  const sourcesFile = await readYamlFile(sourcesPath, SourcesFileSchema, {
    environment: { ...process.env, SWITCHYARD_DATA_DIR: settings.dataDirectory, SWITCHYARD_CATALOG_DIR: settings.catalogDirectory, ...variables },
  });
  const names = new Set<string>();
  for (const source of sourcesFile.sources) {
    if (names.has(source.name)) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${sourcesPath}: source "${source.name}" is defined twice`, { details: { file: sourcesPath } });
    }
    names.add(source.name);
  }
  for (const mapping of sourcesFile.glue?.databases ?? []) {
    if (!names.has(mapping.source)) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${sourcesPath}: glue database "${mapping.database}" names unknown source "${mapping.source}"`, {
        details: { file: sourcesPath },
      });
    }
  }
  return sourcesFile;
}
