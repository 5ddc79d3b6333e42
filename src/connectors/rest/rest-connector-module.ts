import type { ConnectorModule } from '../connector-module.js';
import { RestApiConnector } from './rest-api-connector.js';
import { RestConnectionSchema } from './rest-connection-schema.js';

/** `kind: rest`: a REST API described by an OpenAPI 3 document, queried with one planned GET request. */
export const restConnectorModule: ConnectorModule<'rest', typeof RestConnectionSchema> = {
  kind: 'rest',
  connectionSchema: RestConnectionSchema,
  dialect: 'openapi',
  requestLanguage: 'http-get',
  create: (source) => new RestApiConnector(source),
};
