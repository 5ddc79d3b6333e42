import { athenaConnectorModule } from './athena/athena-connector-module.js';
import { duckDbConnectorModule } from './duckdb/duckdb-connector-module.js';
import { auroraMySqlConnectorModule } from './mysql/aurora-mysql-connector-module.js';
import { mySqlConnectorModule } from './mysql/mysql-connector-module.js';
import { postgresConnectorModule } from './postgres/postgres-connector-module.js';
import { redshiftConnectorModule } from './redshift/redshift-connector-module.js';
import { restConnectorModule } from './rest/rest-connector-module.js';
import { snowflakeConnectorModule } from './snowflake/snowflake-connector-module.js';
import { sqliteConnectorModule } from './sqlite/sqlite-connector-module.js';
import { trinoConnectorModule } from './trino/trino-connector-module.js';

/**
 * Every source kind the sources file accepts, one line each, in the order an unknown `kind:` error
 * lists them. The sources-file schema and `createConnector` are built from this list alone.
 */
export const connectorModules = [
  duckDbConnectorModule,
  postgresConnectorModule,
  redshiftConnectorModule,
  mySqlConnectorModule,
  auroraMySqlConnectorModule,
  athenaConnectorModule,
  snowflakeConnectorModule,
  trinoConnectorModule,
  restConnectorModule,
  sqliteConnectorModule,
] as const;

/** A `kind:` value the sources file accepts. */
export type ConnectorKind = (typeof connectorModules)[number]['kind'];
