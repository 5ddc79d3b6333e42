import type { SqlDialectName } from '../../dialects/sql-dialect.js';
import { PostgresConnector } from '../postgres/postgres-connector.js';
import type { PostgresCatalogFlavour } from '../postgres/postgres-introspection.js';

/** The part of a pg client that clearing a session needs. */
interface RedshiftSession {
  /** Runs one statement. */
  query(sql: string): Promise<unknown>;
}

/**
 * Amazon Redshift over the PostgreSQL wire protocol: the same transport, read-only transaction,
 * timeout, cursor and cancellation as PostgreSQL; the kind, the SQL dialect, the catalog the
 * privilege check reads and the way a session is cleared differ.
 */
export class RedshiftConnector extends PostgresConnector {
  override readonly kind: string = 'redshift';
  override readonly dialect: SqlDialectName = 'redshift';
  protected override readonly catalogFlavour: PostgresCatalogFlavour = 'redshift';

  /** Redshift has neither DISCARD ALL nor advisory locks; RESET ALL returns every setting to the user's default. */
  protected override async clearSession(session: RedshiftSession): Promise<void> {
    await session.query('RESET ALL');
  }
}
