import type { SqlDialectProfile } from '../dialects/sql-dialect-profile.js';
import { effectiveDefaultSchema, relationListingKeys } from './relation-policy.js';
import type { ColumnReference, StatementAnalysis } from './statement-analysis.js';

/** Which columns of one base relation a reference reads. */
export type BaseColumnRead =
  /** These columns, by their catalog names when a rename was traced, else as written. */
  | { kind: 'columns'; columns: string[] }
  /** Every column: a star, a whole-row value, a positional or pattern reference. */
  | { kind: 'every-column' }
  /** One column the guard cannot name: a rename without a catalog order, past its end, or of a join. */
  | { kind: 'unknown-column' };

/** One base relation a reference may read, and what it reads there. */
export interface ColumnLineage {
  /** The reference as the analyzer found it. */
  reference: ColumnReference;
  /** A base relation it may read (name parts, outermost first). */
  relation: string[];
  /** The columns of that relation it reads. */
  read: BaseColumnRead;
}

/** What lineage needs to know about the source. */
export interface ColumnLineageOptions {
  /** Dialect of the source. */
  dialect: SqlDialectProfile;
  /** Every column per table in catalog (ordinal) order, keys as in `allowedTables`; a table left out has an unknown order. */
  tableColumns?: Readonly<Record<string, readonly string[]>>;
  /** The source's default schema; a reference qualified with it matches an unqualified table name. */
  defaultSchema?: string;
}

/**
 * Resolves a statement's column references to the base-table columns they read: a reference with no
 * known relation may read any relation of the statement, a star every column of its relations, and a
 * column an alias column list renamed is the column at its position in the table's catalog order. The
 * column policy judges these reads rather than the names as written, so a rename cannot make one column
 * look like another; rules about other columns or rows would start from the same reads.
 */
export class ColumnLineageResolver {
  /** Column order per lower-case table name; undefined when two lists claim one name. */
  readonly #orders = new Map<string, readonly string[] | undefined>();
  readonly #defaultSchema: string | undefined;

  constructor(options: ColumnLineageOptions) {
    this.#defaultSchema = effectiveDefaultSchema(options.dialect, options.defaultSchema);
    for (const [table, columns] of Object.entries(options.tableColumns ?? {})) {
      const key = table.toLowerCase();
      this.#orders.set(key, this.#orders.has(key) ? undefined : columns);
    }
  }

  /** Every base relation each reference of the statement may read, with the columns it reads there. */
  resolve(analysis: Pick<StatementAnalysis, 'relations' | 'columns'>): ColumnLineage[] {
    return analysis.columns.flatMap((reference) => {
      const relations = reference.relations ?? analysis.relations;
      if (reference.kind === 'renamed-column') return this.#renamedReads(reference, relations);
      const read: BaseColumnRead = reference.kind === 'column' ? { kind: 'columns', columns: [reference.column] } : { kind: 'every-column' };
      return relations.map((relation) => ({ reference, relation, read }));
    });
  }

  /**
   * A renamed column is found by counting its position through the relations' catalog columns, left to
   * right. From the first relation whose order is unknown on (or past the end, a stale catalog), it may
   * be any column of the relations left.
   */
  #renamedReads(reference: ColumnReference, relations: readonly string[][]): ColumnLineage[] {
    let offset = reference.position === undefined ? undefined : reference.position - 1;
    for (const [index, relation] of relations.entries()) {
      const order = offset === undefined ? undefined : this.#order(relation);
      if (offset === undefined || order === undefined) {
        return relations.slice(index).map((unknown) => ({ reference, relation: unknown, read: { kind: 'unknown-column' } }));
      }
      const base = order[offset];
      if (base !== undefined) return [{ reference, relation, read: { kind: 'columns', columns: [base] } }];
      offset -= order.length;
    }
    return relations.map((relation) => ({ reference, relation, read: { kind: 'unknown-column' } }));
  }

  #order(relation: readonly string[]): readonly string[] | undefined {
    for (const key of relationListingKeys(relation, this.#defaultSchema)) {
      if (this.#orders.has(key)) return this.#orders.get(key);
    }
    return undefined;
  }
}
