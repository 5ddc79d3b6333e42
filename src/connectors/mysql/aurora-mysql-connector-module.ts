import type { ConnectorModule } from '../connector-module.js';
import type { NetworkConnectionSchema } from '../common/network-connection-schema.js';
import { mySqlConnectorModule } from './mysql-connector-module.js';

/** `kind: aurora-mysql`: Amazon Aurora MySQL, the MySQL connector under its own kind name. */
export const auroraMySqlConnectorModule: ConnectorModule<'aurora-mysql', typeof NetworkConnectionSchema> = {
  ...mySqlConnectorModule,
  kind: 'aurora-mysql',
};
