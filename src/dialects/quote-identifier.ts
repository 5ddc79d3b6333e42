/**
 * Wraps an identifier in double quotes, doubling any double quote inside, as the SQL standard
 * (and PostgreSQL, Redshift, DuckDB) require; the result is safe for any name.
 */
export function quoteWithDoubleQuotes(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Wraps an identifier in MySQL backticks, doubling any backtick inside. */
export function quoteWithBackticks(identifier: string): string {
  return `\`${identifier.replaceAll('`', '``')}\``;
}
