import type { ConnectorModule } from '../connector-module.js';
import { SqliteConnectionSchema } from './sqlite-connection-schema.js';
import { SqliteConnector } from './sqlite-connector.js';

/** `kind: sqlite`: a SQLite database file, read whole into memory through sql.js. */
export const sqliteConnectorModule: ConnectorModule<'sqlite', typeof SqliteConnectionSchema> = {
  kind: 'sqlite',
  connectionSchema: SqliteConnectionSchema,
  dialect: 'sqlite',
  requestLanguage: 'sql',
  create: (source) => new SqliteConnector(source),
};
