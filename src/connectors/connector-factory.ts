import { SwitchyardError } from '../errors/switchyard-error.js';
import type { ConnectorModule } from './connector-module.js';
import { connectorModules } from './connector-registry.js';
import type { ConnectorSource } from './connector-source.js';
import type { Connector } from './connector.js';

const moduleByKind: ReadonlyMap<string, ConnectorModule> = new Map(connectorModules.map((module) => [module.kind, module]));

/**
 * Creates the connector for a configured source by its kind (the source may carry more than a
 * connector reads: description, row cap). Nothing connects until first use. The sources file reader
 * has checked `connection` against the kind's schema before a source gets here.
 */
export function createConnector<Source extends ConnectorSource>(source: Source): Connector {
  const module = moduleByKind.get(source.kind);
  if (module === undefined) {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Source "${source.name}" has an unknown kind`, {
      details: { source: source.name, kind: source.kind },
    });
  }
  return module.create(source);
}
