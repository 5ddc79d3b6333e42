import type { ConnectorModule } from '../connector-module.js';
import { SnowflakeConnectionSchema } from './snowflake-connection-schema.js';
import { SnowflakeConnector } from './snowflake-connector.js';

/** `kind: snowflake`: Snowflake through snowflake-sdk. */
export const snowflakeConnectorModule: ConnectorModule<'snowflake', typeof SnowflakeConnectionSchema> = {
  kind: 'snowflake',
  connectionSchema: SnowflakeConnectionSchema,
  dialect: 'snowflake',
  requestLanguage: 'sql',
  create: (source) => new SnowflakeConnector(source),
};
