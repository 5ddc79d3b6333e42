import type { ConnectorModule } from '../connector-module.js';
import { AthenaConnectionSchema } from './athena-connection-schema.js';
import { AthenaConnector } from './athena-connector.js';

/** `kind: athena`: Amazon Athena over a Glue catalog database. */
export const athenaConnectorModule: ConnectorModule<'athena', typeof AthenaConnectionSchema> = {
  kind: 'athena',
  connectionSchema: AthenaConnectionSchema,
  dialect: 'athena',
  requestLanguage: 'sql',
  create: (source) => new AthenaConnector(source),
};
