import type { ConnectorModule } from '../connector-module.js';
import { DuckDbConnectionSchema } from './duckdb-connection-schema.js';
import { DuckDbConnector } from './duckdb-connector.js';

/** `kind: duckdb`: an embedded DuckDB database file and/or views over Parquet, CSV and JSON files. */
export const duckDbConnectorModule: ConnectorModule<'duckdb', typeof DuckDbConnectionSchema> = {
  kind: 'duckdb',
  connectionSchema: DuckDbConnectionSchema,
  dialect: 'duckdb',
  requestLanguage: 'sql',
  create: (source) => new DuckDbConnector(source),
};
