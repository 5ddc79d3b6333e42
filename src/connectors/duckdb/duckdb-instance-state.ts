import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { quoteStringLiteral } from '../../dialects/quote-string-literal.js';

// The instance-wide settings that built-in table functions change although the configuration is
// locked (logging and the parser), and the sandbox's own. Read by name: duckdb_settings() as a whole
// costs several times more, on every statement. Lower-cased: DuckDB spells some enums in either case.
const watchedSettings = [
  'enable_logging',
  'logging_storage',
  'logging_level',
  'logging_mode',
  'enabled_log_types',
  'disabled_log_types',
  'allow_parser_override_extension',
  'enable_external_access',
  'allowed_directories',
  'allowed_paths',
  'autoload_known_extensions',
  'autoinstall_known_extensions',
  'allow_community_extensions',
  'lock_configuration',
];
// DETACH is not a setting either: detaching the views catalog would break the source for everyone.
const databasesFingerprint = "(SELECT string_agg(database_name || ':' || coalesce(path, ''), ',' ORDER BY database_name) FROM duckdb_databases())";
const settingsFingerprint = [...watchedSettings.map((name) => `lower(current_setting('${name}')::VARCHAR)`), databasesFingerprint].join(', ');
// Secrets are instance-wide and CREATE SECRET is not a setting the lock refuses; with httpfs loaded a
// planted one could redirect the source's s3:// reads. Listing them costs as much again as the
// settings, so only instances that load httpfs pay for it.
const secretsFingerprint = "(SELECT coalesce(string_agg(name || ':' || type || ':' || scope::VARCHAR, ',' ORDER BY name), '') FROM duckdb_secrets())";

/** How a check after a statement left the instance. */
export type InstanceCondition = 'intact' | 'restored' | 'changed' | 'unusable';

async function fingerprint(connection: DuckDBConnection, query: string): Promise<string> {
  return JSON.stringify((await connection.runAndReadAll(query)).getRows());
}

/**
 * The instance-wide settings of a sandboxed DuckDB instance as they were once it was locked, checked
 * after every statement. A locked configuration refuses SET, but a few built-in table functions change
 * instance state anyway (enable_logging, disable_logging, enable_peg_parser, disable_peg_parser): one
 * that slipped past the guard would log every later client's SQL where anyone could read it, or
 * switch the parser for everyone. What they change is put back right after the statement; what cannot
 * be put back is reported so the connector replaces the instance.
 */
export class DuckDbInstanceState {
  private readonly unclosable: DuckDBConnection[] = [];

  private constructor(
    private readonly fingerprintQuery: string,
    private readonly baseline: string,
    private readonly restoreStatements: readonly string[],
  ) {}

  /**
   * Records the settings of a freshly sandboxed instance.
   * @param watchSecrets also records its secrets (for instances that load httpfs).
   */
  static async capture(connection: DuckDBConnection, watchSecrets: boolean): Promise<DuckDbInstanceState> {
    const fingerprintQuery = `SELECT ${settingsFingerprint}${watchSecrets ? `, ${secretsFingerprint}` : ''}`;
    const [level, storage] = (
      await connection.runAndReadAll("SELECT current_setting('logging_level'), current_setting('logging_storage')")
    ).getRows()[0] ?? ['INFO', 'memory'];
    const restoreStatements = [
      // Re-enabling with the original level and storage first resets both; then logging goes off again.
      `CALL enable_logging(level := ${quoteStringLiteral(String(level))}, storage := ${quoteStringLiteral(String(storage))})`,
      'CALL disable_logging()',
      'CALL truncate_duckdb_logs()',
      'CALL disable_peg_parser()',
    ];
    return new DuckDbInstanceState(fingerprintQuery, await fingerprint(connection, fingerprintQuery), restoreStatements);
  }

  /**
   * Compares the instance with its recorded settings (after a statement) and puts back what changed.
   * Reads on a connection of its own: the statement's connection may carry state of its own (profiling
   * to a forbidden file fails every later statement on it). 'changed' means settings differ even after
   * restoring; 'unusable' means the instance no longer answers (file logging pointed at a path the
   * sandbox forbids fails every statement).
   */
  async check(instance: DuckDBInstance): Promise<InstanceCondition> {
    const connection = await instance.connect();
    const condition = await this.checkOn(connection);
    // Closing a connection whose statement failed on an unusable instance aborts the process.
    if (condition === 'unusable') this.unclosable.push(connection);
    else connection.closeSync();
    return condition;
  }

  private async checkOn(connection: DuckDBConnection): Promise<InstanceCondition> {
    try {
      if ((await fingerprint(connection, this.fingerprintQuery)) === this.baseline) return 'intact';
    } catch {
      return 'unusable';
    }
    for (const statement of this.restoreStatements) await connection.run(statement).catch(() => undefined);
    try {
      return (await fingerprint(connection, this.fingerprintQuery)) === this.baseline ? 'restored' : 'changed';
    } catch {
      return 'unusable';
    }
  }
}
