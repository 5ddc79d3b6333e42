import type { ConnectorModule } from '../connector-module.js';
import { NetworkConnectionSchema } from '../common/network-connection-schema.js';
import { MySqlConnector } from './mysql-connector.js';

/** `kind: mysql`: a MySQL or MariaDB server over the MySQL wire protocol. */
export const mySqlConnectorModule: ConnectorModule<'mysql', typeof NetworkConnectionSchema> = {
  kind: 'mysql',
  connectionSchema: NetworkConnectionSchema,
  dialect: 'mysql',
  requestLanguage: 'sql',
  create: (source) => new MySqlConnector(source),
};
