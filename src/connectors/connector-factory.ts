import type { SourceConfig } from '../config/source-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Connector } from './connector.js';
import { DuckDbConnector } from './duckdb-connector.js';
import { MySqlConnector } from './mysql-connector.js';
import { PostgresConnector } from './postgres-connector.js';
import { RedshiftConnector } from './redshift-connector.js';

/** Creates the connector for a configured source by its kind. Nothing connects until first use. */
export function createConnector(config: SourceConfig): Connector {
  switch (config.kind) {
    case 'duckdb':
      return new DuckDbConnector(config);
    case 'postgres':
      return new PostgresConnector(config);
    case 'redshift':
      return new RedshiftConnector(config);
    case 'mysql':
    case 'aurora-mysql':
      return new MySqlConnector(config);
    default:
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Source "${String((config as SourceConfig).name)}" has an unknown kind`, {
        details: { source: (config as SourceConfig).name, kind: String((config as { kind: unknown }).kind) },
      });
  }
}
