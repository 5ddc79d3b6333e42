// Writes result rows into a table: numbers grouped and right-aligned, NULL as a styled word.
// Values are inserted as text (never as HTML), so rows cannot inject markup.
import { formatCell } from '/web/cell-formatter.js';

/** Fills `table` (with a thead and a tbody) with the columns and rows of a result. */
export function renderResultTable(table, columns, rows) {
  const head = document.createElement('tr');
  columns.forEach((column, index) => {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = column.name;
    // A numeric column's heading sits over its right-aligned numbers.
    const sample = rows.find((row) => row[index] !== null && row[index] !== undefined);
    if (sample && formatCell(sample[index], column).kind === 'number') cell.className = 'number';
    head.append(cell);
  });
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(
    ...rows.map((row) => {
      const line = document.createElement('tr');
      row.forEach((value, index) => {
        const cell = document.createElement('td');
        const { text, kind } = formatCell(value, columns[index]);
        cell.textContent = text;
        if (kind !== 'text') cell.className = kind;
        line.append(cell);
      });
      return line;
    }),
  );
}
