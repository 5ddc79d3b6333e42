/**
 * Wraps text in single quotes, doubling any single quote inside: a standard SQL string literal, read the
 * same by DuckDB, SQLite and PostgreSQL (MySQL under its default sql_mode too, for text without backslashes).
 */
export function quoteStringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
