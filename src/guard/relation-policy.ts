import type { SqlDialectProfile } from '../dialects/sql-dialect-profile.js';
import { GuardRejection } from './guard-rejection.js';

/** What the table policy needs to know about the source. */
export interface RelationPolicyOptions {
  /** Dialect of the source. */
  dialect: SqlDialectProfile;
  /** Tables the question may read, as `table` or `schema.table` (compared case-insensitively). */
  allowedTables: readonly string[];
  /** The source's default schema; a reference qualified with it matches an unqualified allowed name. */
  defaultSchema?: string;
}

/** The default schema a reference may omit: the source's own, else the dialect's; lower-case. */
export function effectiveDefaultSchema(dialect: SqlDialectProfile, defaultSchema: string | undefined): string | undefined {
  return (defaultSchema ?? dialect.defaultSchema)?.toLowerCase();
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

/**
 * Fails when a relation name is engine metadata, whatever the allowed list says: in a system schema,
 * with a system prefix (found through the engine's search path), a system name, or a Trino-style
 * metadata table ("orders$partitions") where the dialect has those.
 */
export function assertNotSystemRelation(dialect: SqlDialectProfile, parts: readonly string[]): void {
  const system = dialect.systemRelations;
  const lowered = parts.map((part) => part.toLowerCase());
  const name = lowered[lowered.length - 1] ?? '';
  const qualifiers = lowered.slice(0, -1);
  const schemaHit = qualifiers.some((qualifier) => system.schemas.includes(qualifier));
  const prefixHit = system.prefixes.some((prefix) => name.startsWith(prefix));
  const metadataTable = system.dollarMetadataTables && name.includes('$');
  if (schemaHit || prefixHit || system.names.includes(name) || metadataTable) {
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
  private readonly dialect: SqlDialectProfile;

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
