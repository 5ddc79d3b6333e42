/** How the top-level query already limits its rows, as far as the parser can tell. */
export type ExistingLimit =
  /** No LIMIT / FETCH / TOP at the top level. */
  | { kind: 'none' }
  /** A plain integer literal; `byteStart`/`byteEnd` locate it in the statement's UTF-8 bytes when known. */
  | { kind: 'literal'; value: number; byteStart?: number; byteEnd?: number }
  /** Anything else (LIMIT ALL, expressions, WITH TIES, TOP, a set operation whose limit is ambiguous). */
  | { kind: 'other' };

/** What a dialect analyzer learned from one statement that passed its structural checks. */
export interface StatementAnalysis {
  /** The single statement's text, without a trailing semicolon. */
  statementText: string;
  /** Relations read, each as name parts (outermost first), with the statement's own CTE names excluded. */
  relations: string[][];
  /** Functions called, each as name parts (outermost first), as the parser resolved them. */
  functions: string[][];
  /** The row limit the top-level query already has. */
  existingLimit: ExistingLimit;
}
