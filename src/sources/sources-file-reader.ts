import path from 'node:path';
import { Value } from 'typebox/value';
import { connectionSchemaByKind, SourcesFileSchema, type SourcesFile } from './source-config.js';
import type { Settings } from '../config/settings.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { readYamlFile } from '../config/yaml-file-reader.js';
import { assertFederationValid } from './trino-federation.js';

/**
 * Reads and checks catalog/sources.yaml: `${NAME}` values come from the environment the config was
 * read from plus the data and catalog folders and any `variables` (a local server's address known
 * only at start); source names are unique, each connection holds the settings of its own kind,
 * every Glue database mapping names a configured source and every `federates:` entry another SQL source.
 */
export async function readSourcesFile(settings: Settings, variables: Record<string, string>): Promise<SourcesFile> {
  const sourcesPath = path.join(settings.catalogDirectory, 'sources.yaml');
  const sourcesFile = await readYamlFile(sourcesPath, SourcesFileSchema, {
    environment: { ...settings.environment, SWITCHYARD_DATA_DIR: settings.dataDirectory, SWITCHYARD_CATALOG_DIR: settings.catalogDirectory, ...variables },
  });
  const names = new Set<string>();
  for (const source of sourcesFile.sources) {
    if (names.has(source.name)) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${sourcesPath}: source "${source.name}" is defined twice`, { details: { file: sourcesPath } });
    }
    names.add(source.name);
    const schema = connectionSchemaByKind[source.kind];
    if (!Value.Check(schema, source.connection)) {
      // TypeBox reports an unknown member as a `boolean` (false schema) error at its path: name the member.
      const problem = [...Value.Errors(schema, source.connection)].find((error) => error.keyword !== 'anyOf');
      const where =
        problem === undefined
          ? ''
          : problem.keyword === 'boolean'
            ? ` (connection${problem.instancePath} is not one of its settings)`
            : ` (connection${problem.instancePath} ${problem.message})`;
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${sourcesPath}: source "${source.name}" has connection settings that do not fit kind "${source.kind}"${where}`, {
        details: { file: sourcesPath, source: source.name, kind: source.kind },
      });
    }
  }
  for (const mapping of sourcesFile.glue?.databases ?? []) {
    if (!names.has(mapping.source)) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `${sourcesPath}: glue database "${mapping.database}" names unknown source "${mapping.source}"`, {
        details: { file: sourcesPath },
      });
    }
  }
  assertFederationValid(sourcesFile.sources, sourcesPath);
  return sourcesFile;
}
