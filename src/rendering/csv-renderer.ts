/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a
 * leading apostrophe, as OWASP advises for CSV injection: the data came from a database anyone may
 * have written to, and the file goes to someone's spreadsheet. Numbers are written as numbers.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function renderCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutralised(value) : typeof value === 'object' ? neutralised(JSON.stringify(value)) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (RFC 4180 quoting). */
export function renderCsvLine(values: readonly unknown[]): string {
  return values.map(renderCell).join(',');
}

/** A header line plus one line per row. */
export function renderCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [renderCsvLine(header), ...rows.map(renderCsvLine)].join('\n');
}
