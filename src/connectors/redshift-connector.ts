import { PostgresConnector } from './postgres-connector.js';
import type { SqlDialectName } from '../dialects/sql-dialect.js';

/**
 * Amazon Redshift over the PostgreSQL wire protocol: the same transport, read-only transaction,
 * timeout, cursor and cancellation as PostgreSQL; only the kind and the SQL dialect differ.
 */
export class RedshiftConnector extends PostgresConnector {
  override readonly kind: string = 'redshift';
  override readonly dialect: SqlDialectName = 'redshift';
}
