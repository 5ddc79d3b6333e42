import { renderCsv } from '../rendering/csv-renderer.js';
import { cutCellForPrompt } from '../rendering/prompt-cell-cutter.js';

/** Rows a readable text part shows at most; the structured content holds every row the result carries. */
const textRows = 20;

/**
 * Rows as the text part of a tool result shows them: CSV with a header, long cells cut as in a
 * prompt, and a line saying how many rows there are in all when it shows fewer.
 */
export function renderRowsText(columns: readonly { name: string }[], rows: readonly unknown[][], total: number): string {
  const shown = rows.slice(0, textRows);
  const csv = renderCsv(columns.map((column) => column.name), shown.map((row) => row.map(cutCellForPrompt)));
  const count = total === 1 ? '1 row' : `${total} rows`;
  return shown.length < total ? `${csv}\n(${shown.length} of ${count} shown)` : `${csv}\n(${count})`;
}
