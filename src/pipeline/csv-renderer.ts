function renderCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
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
