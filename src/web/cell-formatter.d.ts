// Types of cell-formatter.js for the TypeScript tests that import it; the browser loads the .js as is.

/** A result column as the service describes it. */
export interface CellColumn {
  /** Column name. */
  readonly name: string;
  /** Engine type name. */
  readonly type: string;
}

/** A formatted cell. */
export interface FormattedCell {
  /** The text shown. */
  readonly text: string;
  /** How it is styled: a number (right-aligned), NULL, or text. */
  readonly kind: 'number' | 'null' | 'text';
}

export declare function formatCell(value: unknown, column: CellColumn | undefined, locale?: string): FormattedCell;
export declare function formatTimestamp(text: string): string;
export declare function formatNumber(value: number | string, locale?: string): string;
