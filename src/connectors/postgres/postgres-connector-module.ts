import type { ConnectorModule } from '../connector-module.js';
import { NetworkConnectionSchema } from '../common/network-connection-schema.js';
import { PostgresConnector } from './postgres-connector.js';

/** `kind: postgres`: a PostgreSQL server over its wire protocol. */
export const postgresConnectorModule: ConnectorModule<'postgres', typeof NetworkConnectionSchema> = {
  kind: 'postgres',
  connectionSchema: NetworkConnectionSchema,
  dialect: 'postgres',
  requestLanguage: 'sql',
  create: (source) => new PostgresConnector(source),
};
