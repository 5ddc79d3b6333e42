import type { ColumnReference } from './statement-analysis.js';

/** What one name that qualifies columns (an alias, a table name, a CTE name) stands for. */
interface QualifierTarget {
  /** Base relations behind the name: a table, or every table of a parenthesised join. */
  relations: string[][];
  /** True when the name (also) stands for a derived table, CTE or table function. */
  derived: boolean;
}

/** The relations one query block's FROM clause reads directly, for the stars written in that block. */
export interface BlockSources {
  /** Base relations of the block's FROM items, joins flattened, derived tables and CTEs left out. */
  relations: string[][];
  /** False when an item's shape was not understood; the block's stars then count against every relation. */
  complete: boolean;
}

/** Sources of a place outside any query block, where nothing is known. */
export const unknownBlock: BlockSources = { relations: [], complete: false };

function qualifierKey(parts: readonly string[]): string {
  return parts.map((part) => part.toLowerCase()).join('.');
}

/**
 * Gathers the column references a dialect analyzer finds and resolves their qualifiers once the whole
 * statement is read, because an alias may be declared after its use (a correlated subquery in the select
 * list names the outer FROM). Aliases are collected statement-wide rather than per scope: a name declared
 * twice stands for everything it was declared as, which can only widen what a reference may read.
 *
 * Resolution fails closed: an unqualified column, or one whose qualifier is unknown or names a derived
 * table or CTE, may read a column of that name from any relation the statement reads. A star is precise
 * instead: it reads every column of the base tables it covers, while a star over a derived table or CTE
 * reads only what that query projects, and that projection is itself checked where it is written. So
 * `SELECT * FROM (SELECT id, name FROM users) t` reads no protected column and is allowed.
 */
export class ColumnReferenceCollector {
  readonly #qualifiers = new Map<string, QualifierTarget>();
  readonly #written: { parts: string[]; text: string }[] = [];
  readonly #resolved: ColumnReference[] = [];

  /** Declares names that qualify the columns of `relations`; undefined relations mean a derived table, CTE or function. */
  addQualifiers(names: readonly (readonly string[])[], relations: readonly string[][] | undefined): void {
    for (const name of names) {
      if (name.length === 0 || name.some((part) => part === '')) continue;
      const key = qualifierKey(name);
      const target = this.#qualifiers.get(key) ?? { relations: [], derived: false };
      if (relations === undefined) target.derived = true;
      else target.relations.push(...relations.map((relation) => [...relation]));
      this.#qualifiers.set(key, target);
    }
  }

  /** Records a column reference as written: qualifier parts, then the column name or `*`. */
  addColumn(parts: readonly string[]): void {
    if (parts.length === 0) return;
    this.#written.push({ parts: [...parts], text: parts.join('.') });
  }

  /** Records a read of every column of a block's sources (an unqualified star, a positional reference, NATURAL JOIN). */
  addEveryColumn(text: string, sources: BlockSources): void {
    this.#resolved.push({
      kind: 'every-column',
      text,
      column: '',
      relations: sources.complete ? sources.relations.map((relation) => [...relation]) : undefined,
    });
  }

  /** Every recorded reference, qualifiers resolved against all names the statement declared. */
  resolve(): ColumnReference[] {
    const references = [...this.#resolved];
    for (const { parts, text } of this.#written) references.push(...this.#resolveWritten(parts, text));
    return references;
  }

  #resolveWritten(parts: readonly string[], text: string): ColumnReference[] {
    const [only] = parts;
    if (parts.length === 1 && only !== undefined) {
      const references: ColumnReference[] = [{ kind: 'column', text, column: only, relations: undefined }];
      // A bare table name or alias is a whole-row value in PostgreSQL and DuckDB (`SELECT u FROM users u`).
      const target = this.#qualifiers.get(qualifierKey(parts));
      if (target !== undefined && target.relations.length > 0) {
        references.push({ kind: 'every-column', text, column: '', relations: target.relations });
      }
      return references;
    }
    // `a.b.c` may be schema.table.column or table.column.field: every split is checked.
    const references: ColumnReference[] = [];
    for (let split = 1; split < parts.length; split += 1) {
      const column = parts[split] ?? '';
      const target = this.#qualifiers.get(qualifierKey(parts.slice(0, split)));
      if (column === '*') {
        // A star over a derived table or CTE reads only what that query projects, checked where it is written.
        if (target === undefined || target.relations.length > 0) {
          references.push({ kind: 'every-column', text, column: '', relations: target?.relations });
        }
      } else {
        const relations = target !== undefined && !target.derived ? target.relations : undefined;
        references.push({ kind: 'column', text, column, relations });
      }
    }
    return references;
  }
}
