import type { SqlDialectName } from '../dialects/sql-dialect.js';
import { GuardRejection } from './guard-rejection.js';
import { effectiveDefaultSchema, relationListingKeys } from './relation-policy.js';
import type { ColumnReference, StatementAnalysis } from './statement-analysis.js';

/** What the column policy needs to know about the source. */
export interface ColumnPolicyOptions {
  /** Dialect of the source. */
  dialect: SqlDialectName;
  /** Columns that may never be read (personal data), per table named as in `allowedTables`. */
  protectedColumns: Readonly<Record<string, readonly string[]>>;
  /** Every column per table in catalog (ordinal) order, to trace an alias column list's renames; a table left out has an unknown order. */
  tableColumns?: Readonly<Record<string, readonly string[]>>;
  /** The source's default schema; a reference qualified with it matches an unqualified table name. */
  defaultSchema?: string;
}

/** One table's protected columns, names kept as the catalog spells them for the rejection message. */
interface ProtectedTable {
  /** The table as the caller named it. */
  name: string;
  /** Protected column names by their lower-case form. */
  columns: ReadonlyMap<string, string>;
  /** Every column of the table in catalog order, when the catalog gave exactly one list for it. */
  order: readonly string[] | undefined;
}

/**
 * Refuses statements that read a protected (PII) column: named anywhere in the statement (select list,
 * filters, joins, grouping, ordering, function arguments, subqueries, CTEs), or read through a star or a
 * whole-row value over its table. The model is never shown these columns, so a statement that reads one
 * is either a guess or an attack; either way the values must not reach the client, the explain prompt, or
 * an engine error message (`CAST(email AS INTEGER)` echoes the value). Names compare case-insensitively,
 * quoted or not, which can only refuse more.
 */
export class ColumnPolicy {
  readonly #tables = new Map<string, ProtectedTable>();
  readonly #defaultSchema: string | undefined;

  constructor(options: ColumnPolicyOptions) {
    this.#defaultSchema = effectiveDefaultSchema(options.dialect, options.defaultSchema);
    const orders = new Map<string, (readonly string[])[]>();
    for (const [table, columns] of Object.entries(options.tableColumns ?? {})) {
      const key = table.toLowerCase();
      orders.set(key, [...(orders.get(key) ?? []), columns]);
    }
    for (const [table, columns] of Object.entries(options.protectedColumns)) {
      if (columns.length === 0) continue;
      const key = table.toLowerCase();
      const known = new Map(this.#tables.get(key)?.columns);
      for (const column of columns) known.set(column.toLowerCase(), column);
      // Two lists for one name (keys differing only in case) leave the order unknown rather than guessed.
      const listed = orders.get(key);
      this.#tables.set(key, { name: table, columns: known, order: listed?.length === 1 ? listed[0] : undefined });
    }
  }

  /** Throws a rejection when any column reference of the statement may read a protected column. */
  assertAllowed(analysis: Pick<StatementAnalysis, 'relations' | 'columns'>): void {
    if (this.#tables.size === 0) return;
    for (const reference of analysis.columns) {
      for (const relation of reference.relations ?? analysis.relations) {
        const table = this.#protectedTable(relation);
        if (table !== undefined) this.#assertReferenceAllowed(reference, table);
      }
    }
  }

  #protectedTable(relation: readonly string[]): ProtectedTable | undefined {
    for (const key of relationListingKeys(relation, this.#defaultSchema)) {
      const table = this.#tables.get(key);
      if (table !== undefined) return table;
    }
    return undefined;
  }

  #assertReferenceAllowed(reference: ColumnReference, table: ProtectedTable): void {
    if (reference.kind === 'column') {
      const column = table.columns.get(reference.column.toLowerCase());
      if (column === undefined) return;
      throw new GuardRejection(
        'pii-column',
        `Column ${table.name}.${column} holds personal data and may not be read; name only the columns you need.`,
      );
    }
    const columns = [...table.columns.values()].map((column) => `${table.name}.${column}`);
    if (reference.kind === 'renamed-column') return this.#assertRenameAllowed(reference, table, columns);
    throw new GuardRejection(
      'pii-column',
      `"${reference.text}" reads every column of ${table.name}, and ${columns.join(', ')} ${columns.length === 1 ? 'holds' : 'hold'} ` +
        'personal data that may not be read; name only the columns you need.',
    );
  }

  /** A renamed column is the base column at its position; without a known position or order it may be any of them. */
  #assertRenameAllowed(reference: ColumnReference, table: ProtectedTable, columns: readonly string[]): void {
    const base = reference.position === undefined ? undefined : table.order?.[reference.position - 1];
    if (base !== undefined) {
      const column = table.columns.get(base.toLowerCase());
      if (column === undefined) return;
      throw new GuardRejection(
        'pii-column',
        `Column ${table.name}.${column} (renamed "${reference.column}" by an alias column list) holds personal data and may not be read; ` +
          'name only the columns you need.',
      );
    }
    const list = reference.column === '' ? `The alias column list ${reference.text}` : `The alias column list that defines "${reference.text}"`;
    throw new GuardRejection(
      'pii-column',
      `${list} renames columns of ${table.name} by position, and the guard cannot tell whether that reaches ${columns.join(', ')} ` +
        '(personal data); name the columns you need directly instead of renaming them in the FROM clause.',
    );
  }
}
