/** How the top-level query already limits its rows, as far as the parser can tell. */
export type ExistingLimit =
  /** No LIMIT / FETCH / TOP at the top level. */
  | { kind: 'none' }
  /** A plain integer literal; `byteStart`/`byteEnd` locate it in the statement's UTF-8 bytes when known. */
  | { kind: 'literal'; value: number; byteStart?: number; byteEnd?: number }
  /** `LIMIT ALL` or `LIMIT NULL`: no limit, said with a keyword at `byteStart` (UTF-8 bytes) that a literal can replace. */
  | { kind: 'unbounded'; byteStart: number }
  /** Anything else (expressions, WITH TIES, TOP, a set operation whose limit is ambiguous). */
  | { kind: 'other' };

/**
 * A place where the statement reads column values, with the relations the values may come from.
 *
 * `column` reads one named column; `renamed-column` reads the column an alias column list renamed
 * (`FROM users AS u(a, b)` makes `b` the second column of users, whatever the catalog calls it), so
 * its base column is found by position in the relation's catalog column order; `every-column` reads
 * them all (a star, a whole-row value, a positional or pattern reference).
 */
export interface ColumnReference {
  /** How the reference reaches the relation's columns: by name, by renamed position, or all of them. */
  kind: 'column' | 'renamed-column' | 'every-column';
  /** The reference as written (`u.email`, `*`, `#2`), for the rejection message. */
  text: string;
  /** Column name as the parser gives it (for `renamed-column`, the new name); empty for `every-column`. */
  column: string;
  /** For `renamed-column`: 1-based place in the columns of `relations` laid end to end; undefined when it may be any of them. */
  position?: number;
  /** Relations (name parts, outermost first) it may read from; undefined means any relation the statement reads. */
  relations: string[][] | undefined;
}

/** What a dialect analyzer learned from one statement that passed its structural checks. */
export interface StatementAnalysis {
  /** The single statement's text, without a trailing semicolon. */
  statementText: string;
  /** Relations read, each as name parts (outermost first), with the statement's own CTE names excluded. */
  relations: string[][];
  /** Functions called in expressions, each as name parts (outermost first), as the parser resolved them. */
  functions: string[][];
  /** Table functions called as FROM items, each as name parts (outermost first). */
  tableFunctions: string[][];
  /** Every column reference, star and whole-row value in the statement, subqueries and CTEs included. */
  columns: ColumnReference[];
  /** The row limit the top-level query already has. */
  existingLimit: ExistingLimit;
}
