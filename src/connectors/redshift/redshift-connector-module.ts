import { Type, type Static } from 'typebox';
import type { ConnectorModule } from '../connector-module.js';
import { NetworkConnectionSchema } from '../common/network-connection-schema.js';
import { RedshiftConnector } from './redshift-connector.js';
import { RedshiftDataConnectionSchema, type RedshiftDataConnection } from './redshift-data-connection-schema.js';
import { RedshiftDataConnector } from './redshift-data-connector.js';

/** Redshift's two forms: the PostgreSQL wire protocol, or the Data API (`mode: data-api`). */
const RedshiftConnectionSchema = Type.Union([NetworkConnectionSchema, RedshiftDataConnectionSchema]);

/** `connection.mode: data-api` selects the Redshift Data API; otherwise the PostgreSQL wire protocol. */
function isDataApi(connection: Static<typeof RedshiftConnectionSchema>): connection is RedshiftDataConnection {
  return 'mode' in connection && connection.mode === 'data-api';
}

/** `kind: redshift`: Amazon Redshift over the PostgreSQL wire protocol, or through the Redshift Data API. */
export const redshiftConnectorModule: ConnectorModule<'redshift', typeof RedshiftConnectionSchema> = {
  kind: 'redshift',
  connectionSchema: RedshiftConnectionSchema,
  dialect: 'redshift',
  requestLanguage: 'sql',
  create: ({ connection, ...source }) =>
    isDataApi(connection) ? new RedshiftDataConnector({ ...source, connection }) : new RedshiftConnector({ ...source, connection }),
};
