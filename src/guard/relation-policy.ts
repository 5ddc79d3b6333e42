import type { SqlDialectName } from '../dialects/sql-dialect.js';
import { GuardRejection } from './guard-rejection.js';

/** Schemas (or catalogs) whose every relation is engine metadata, per dialect, lower-case. */
const systemSchemas: Record<SqlDialectName, ReadonlySet<string>> = {
  postgres: new Set(['pg_catalog', 'information_schema', 'pg_toast']),
  redshift: new Set(['pg_catalog', 'information_schema', 'pg_toast', 'pg_internal']),
  duckdb: new Set(['pg_catalog', 'information_schema', 'system', 'temp']),
  mysql: new Set(['mysql', 'information_schema', 'performance_schema', 'sys']),
  snowflake: new Set([
    'snowflake',
    'information_schema',
    'account_usage',
    'organization_usage',
    'data_sharing_usage',
    'reader_account_usage',
  ]),
  athena: new Set(['system', 'information_schema']),
  sqlite: new Set(['temp']),
};

/**
 * Relation-name prefixes that are engine metadata even without a schema, because the engine resolves
 * them through its search path (`pg_shadow`, Redshift's `stl_query`, SQLite's `sqlite_master`,
 * DuckDB's `duckdb_settings`, SQLite's `pragma_table_info` table-valued functions).
 */
const systemPrefixes: Record<SqlDialectName, readonly string[]> = {
  postgres: ['pg_'],
  redshift: ['pg_', 'stl_', 'stv_', 'svl_', 'svv_', 'svcs_', 'stcs_', 'sys_'],
  duckdb: ['pg_', 'duckdb_', 'pragma_', 'sqlite_'],
  mysql: [],
  snowflake: [],
  athena: [],
  sqlite: ['sqlite_', 'pragma_'],
};

/** Exact relation names that expose engine metadata. */
const systemRelations: Record<SqlDialectName, ReadonlySet<string>> = {
  postgres: new Set(),
  redshift: new Set(),
  duckdb: new Set(['information_schema']),
  mysql: new Set(),
  snowflake: new Set(),
  athena: new Set(),
  sqlite: new Set(['dbstat']),
};

/** What the table policy needs to know about the source. */
export interface RelationPolicyOptions {
  /** Dialect of the source. */
  dialect: SqlDialectName;
  /** Tables the question may read, as `table` or `schema.table` (compared case-insensitively). */
  allowedTables: readonly string[];
  /** The source's default schema; a reference qualified with it matches an unqualified allowed name. */
  defaultSchema?: string;
}

/** Default schema per dialect when the caller does not name one. MySQL's is the connection database. */
const defaultSchemas: Record<SqlDialectName, string | undefined> = {
  postgres: 'public',
  redshift: 'public',
  duckdb: 'main',
  mysql: undefined,
  snowflake: 'public',
  athena: 'default',
  sqlite: 'main',
};

/** The default schema a reference may omit: the source's own, else the dialect's; lower-case. */
export function effectiveDefaultSchema(dialect: SqlDialectName, defaultSchema: string | undefined): string | undefined {
  return (defaultSchema ?? defaultSchemas[dialect])?.toLowerCase();
}

/**
 * Lower-case names under which a relation (name parts, outermost first) may be listed: as written, an
 * unqualified reference as `<default schema>.t`, and `<default schema>.t` as `t`.
 */
export function relationListingKeys(parts: readonly string[], defaultSchema: string | undefined): string[] {
  const lowered = parts.map((part) => part.toLowerCase());
  const name = lowered[lowered.length - 1] ?? '';
  const keys = [lowered.join('.')];
  if (lowered.length === 1 && defaultSchema !== undefined) keys.push(`${defaultSchema}.${name}`);
  if (lowered.length === 2 && lowered[0] === defaultSchema) keys.push(name);
  return keys;
}

/** Fails when a relation name is engine metadata, whatever the allowed list says. */
export function assertNotSystemRelation(dialect: SqlDialectName, parts: readonly string[]): void {
  const lowered = parts.map((part) => part.toLowerCase());
  const name = lowered[lowered.length - 1] ?? '';
  const qualifiers = lowered.slice(0, -1);
  const schemaHit = qualifiers.find((qualifier) => systemSchemas[dialect].has(qualifier));
  const prefixHit = systemPrefixes[dialect].find((prefix) => name.startsWith(prefix));
  // Trino/Athena expose table metadata as "orders$partitions", "orders$files" and similar.
  const metadataTable = dialect === 'athena' && name.includes('$');
  if (schemaHit !== undefined || prefixHit !== undefined || systemRelations[dialect].has(name) || metadataTable) {
    throw new GuardRejection(
      'system-catalog',
      `The query reads the system catalog relation "${parts.join('.')}"; engine metadata is never queryable.`,
    );
  }
}

/**
 * Decides whether referenced relations are on the allowed list.
 *
 * Qualifiers: an unqualified reference matches an allowed `t` or `<default schema>.t`; a reference
 * `s.t` matches an allowed `s.t`, or an allowed `t` when `s` is the default schema. Any other
 * qualification (another schema, a catalog prefix) must be listed exactly. An unqualified reference
 * never matches `other_schema.t`, because the engine's search path, not the guard, would pick the table.
 */
export class RelationPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly defaultSchema: string | undefined;
  private readonly dialect: SqlDialectName;

  constructor(options: RelationPolicyOptions) {
    this.dialect = options.dialect;
    this.allowed = new Set(options.allowedTables.map((name) => name.toLowerCase()));
    this.defaultSchema = effectiveDefaultSchema(options.dialect, options.defaultSchema);
  }

  /** Throws a rejection unless the relation (name parts, outermost first) may be read. */
  assertAllowed(parts: readonly string[]): void {
    assertNotSystemRelation(this.dialect, parts);
    if (relationListingKeys(parts, this.defaultSchema).some((key) => this.allowed.has(key))) return;
    throw new GuardRejection(
      'unknown-table',
      `The query reads "${parts.join('.')}", which is not one of the tables this question may use.`,
    );
  }
}
