import type { SqlDialect } from '../sql-dialect.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';

/** DuckDB SQL: PostgreSQL-like syntax with analytic extras (QUALIFY, strftime, `::`). */
export const duckDbDialect: SqlDialect = {
  name: 'duckdb',
  displayName: 'DuckDB',
  promptNotesFile: 'duckdb.md',
  quoteIdentifier: quoteWithDoubleQuotes,
};
