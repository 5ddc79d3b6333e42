import type { SourceConfig } from '../config/source-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Connector } from './connector.js';
import { DuckDbConnector } from './duckdb/duckdb-connector.js';
import { MySqlConnector } from './mysql/mysql-connector.js';
import { PostgresConnector } from './postgres/postgres-connector.js';
import { RedshiftConnector } from './redshift/redshift-connector.js';
import { AthenaConnector } from './athena/athena-connector.js';
import { RedshiftDataConnector } from './redshift/redshift-data-connector.js';
import { SnowflakeConnector } from './snowflake/snowflake-connector.js';
import { RestApiConnector } from './rest/rest-api-connector.js';
import { SqliteConnector } from './sqlite/sqlite-connector.js';

/** Creates the connector for a configured source by its kind. Nothing connects until first use. */
export function createConnector(config: SourceConfig): Connector {
  switch (config.kind) {
    case 'duckdb':
      return new DuckDbConnector(config);
    case 'sqlite':
      return new SqliteConnector(config);
    case 'postgres':
      return new PostgresConnector(config);
    case 'redshift':
      // `connection.mode: data-api` selects the Redshift Data API; otherwise the PostgreSQL wire protocol.
      return 'mode' in config.connection && config.connection.mode === 'data-api' ? new RedshiftDataConnector(config) : new RedshiftConnector(config);
    case 'athena':
      return new AthenaConnector(config);
    case 'snowflake':
      return new SnowflakeConnector(config);
    case 'rest':
      return new RestApiConnector(config);
    case 'mysql':
    case 'aurora-mysql':
      return new MySqlConnector(config);
    default:
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Source "${String((config as SourceConfig).name)}" has an unknown kind`, {
        details: { source: (config as SourceConfig).name, kind: String((config as { kind: unknown }).kind) },
      });
  }
}
