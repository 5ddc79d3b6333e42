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

/** One name an alias column list gives to a column of base relations. */
interface Rename {
  /** Base relations whose column it renames: one table, or every table of a renamed join, left to right. */
  relations: string[][];
  /** 1-based place in the relations' columns laid end to end; undefined when it may be any column of them. */
  position: number | undefined;
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
 *
 * An alias column list on a base table (`FROM users AS u(a, b)`) renames its first columns by position,
 * so the new names say nothing about which base column they read. Every written reference whose name
 * (any part of it) is such a new name, anywhere in the statement and whatever its qualifier, also
 * reads the renamed base column by position: names, not scopes, connect a use to its declaration, so
 * a rename carried out through a join alias, a subquery or a correlated reference is still traced.
 * Renames of derived tables and CTEs need no tracing: their bodies are checked where written.
 */
export class ColumnReferenceCollector {
  readonly #qualifiers = new Map<string, QualifierTarget>();
  readonly #written: { parts: string[]; text: string }[] = [];
  readonly #resolved: ColumnReference[] = [];
  readonly #renames = new Map<string, Rename[]>();

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

  /**
   * Declares an alias column list over base relations: `names[i]` renames column i + 1 of their columns
   * laid end to end (one table's, or a join's by ON), or, when `positional` is false (a join by USING or
   * NATURAL, or over a derived table), some column of any of them.
   */
  addRenamedColumns(names: readonly string[], relations: readonly string[][], positional: boolean): void {
    if (relations.length === 0) return;
    names.forEach((name, index) => {
      const key = name.toLowerCase();
      const rename = { relations: relations.map((relation) => [...relation]), position: positional ? index + 1 : undefined };
      this.#renames.set(key, [...(this.#renames.get(key) ?? []), rename]);
    });
  }

  /** Records an alias column list the parser gave in a form whose names cannot be read: it may rename any column. */
  addUnreadableRename(text: string, relations: readonly string[][]): void {
    if (relations.length === 0) return;
    this.#resolved.push({ kind: 'renamed-column', text, column: '', relations: relations.map((relation) => [...relation]) });
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
    for (const { parts, text } of this.#written) {
      references.push(...this.#resolveWritten(parts, text), ...this.#resolveRenamed(parts, text));
    }
    return references;
  }

  #resolveRenamed(parts: readonly string[], text: string): ColumnReference[] {
    const references: ColumnReference[] = [];
    const seen = new Set<string>();
    for (const part of parts) {
      const key = part.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      for (const { relations, position } of this.#renames.get(key) ?? []) {
        references.push({ kind: 'renamed-column', text, column: part, relations, ...(position === undefined ? {} : { position }) });
      }
    }
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
