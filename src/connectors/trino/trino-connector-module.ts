import type { ConnectorModule } from '../connector-module.js';
import { TrinoConnectionSchema } from './trino-connection-schema.js';
import { TrinoConnector } from './trino-connector.js';

/** `kind: trino`: Trino (or Starburst) over its REST client protocol, optionally federating other sources' catalogs. */
export const trinoConnectorModule: ConnectorModule<'trino', typeof TrinoConnectionSchema> = {
  kind: 'trino',
  connectionSchema: TrinoConnectionSchema,
  dialect: 'trino',
  requestLanguage: 'sql',
  create: (source) => new TrinoConnector(source),
};
