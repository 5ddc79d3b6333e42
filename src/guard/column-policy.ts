import type { SqlDialectProfile } from '../dialects/sql-dialect-profile.js';
import type { ColumnLineage } from './column-lineage-resolver.js';
import { GuardRejection } from './guard-rejection.js';
import { effectiveDefaultSchema, relationListingKeys } from './relation-policy.js';

/** What the column policy needs to know about the source. */
export interface ColumnPolicyOptions {
  /** Dialect of the source. */
  dialect: SqlDialectProfile;
  /** Columns that may never be read (personal data), per table named as in `allowedTables`. */
  protectedColumns: Readonly<Record<string, readonly string[]>>;
  /** The source's default schema; a reference qualified with it matches an unqualified table name. */
  defaultSchema?: string;
}

/** One table's protected columns, names kept as the catalog spells them for the rejection message. */
interface ProtectedTable {
  /** The table as the caller named it. */
  name: string;
  /** Protected column names by their lower-case form. */
  columns: ReadonlyMap<string, string>;
}

/**
 * Refuses statements that read a protected (PII) column: named anywhere in the statement (select list,
 * filters, joins, grouping, ordering, function arguments, subqueries, CTEs), read through a star or a
 * whole-row value over its table, or renamed by an alias column list. The model is never shown these
 * columns, so a statement that reads one is either a guess or an attack; either way the values must not
 * reach the client, the explain prompt, or an engine error message (`CAST(email AS INTEGER)` echoes the
 * value). It judges the base columns the lineage resolver traced, not names as written. Names compare
 * case-insensitively, quoted or not, which can only refuse more.
 */
export class ColumnPolicy {
  readonly #tables = new Map<string, ProtectedTable>();
  readonly #defaultSchema: string | undefined;

  constructor(options: ColumnPolicyOptions) {
    this.#defaultSchema = effectiveDefaultSchema(options.dialect, options.defaultSchema);
    for (const [table, columns] of Object.entries(options.protectedColumns)) {
      if (columns.length === 0) continue;
      const key = table.toLowerCase();
      const known = new Map(this.#tables.get(key)?.columns);
      for (const column of columns) known.set(column.toLowerCase(), column);
      this.#tables.set(key, { name: table, columns: known });
    }
  }

  /** Throws a rejection when any traced read of the statement may reach a protected column. */
  assertAllowed(lineage: readonly ColumnLineage[]): void {
    if (this.#tables.size === 0) return;
    for (const entry of lineage) {
      const table = this.#protectedTable(entry.relation);
      if (table !== undefined) this.#assertReadAllowed(entry, table);
    }
  }

  #protectedTable(relation: readonly string[]): ProtectedTable | undefined {
    for (const key of relationListingKeys(relation, this.#defaultSchema)) {
      const table = this.#tables.get(key);
      if (table !== undefined) return table;
    }
    return undefined;
  }

  #assertReadAllowed({ reference, read }: ColumnLineage, table: ProtectedTable): void {
    const columns = [...table.columns.values()].map((column) => `${table.name}.${column}`);
    if (read.kind === 'columns') {
      for (const name of read.columns) {
        const column = table.columns.get(name.toLowerCase());
        if (column === undefined) continue;
        const renamed = reference.kind === 'renamed-column' ? ` (renamed "${reference.column}" by an alias column list)` : '';
        throw new GuardRejection(
          'pii-column',
          `Column ${table.name}.${column}${renamed} holds personal data and may not be read; name only the columns you need.`,
        );
      }
      return;
    }
    if (read.kind === 'unknown-column') {
      const list = reference.column === '' ? `The alias column list ${reference.text}` : `The alias column list that defines "${reference.text}"`;
      throw new GuardRejection(
        'pii-column',
        `${list} renames columns of ${table.name} by position, and the guard cannot tell whether that reaches ${columns.join(', ')} ` +
          '(personal data); name the columns you need directly instead of renaming them in the FROM clause.',
      );
    }
    throw new GuardRejection(
      'pii-column',
      `"${reference.text}" reads every column of ${table.name}, and ${columns.join(', ')} ${columns.length === 1 ? 'holds' : 'hold'} ` +
        'personal data that may not be read; name only the columns you need.',
    );
  }
}
