/** Names of the SQL dialects the service can write and guard. */
export type SqlDialectName = 'duckdb' | 'postgres' | 'redshift' | 'mysql' | 'athena' | 'trino' | 'snowflake' | 'sqlite';

/**
 * What a source speaks, as /sources reports it: one of the SQL dialects, or `openapi` for REST sources,
 * which have no SQL dialect (the pipeline's HTTP GET query language asks them).
 */
export type SourceDialectName = SqlDialectName | 'openapi';

/**
 * What a source's language looks like: its name, quoting and the notes the LLM is given. Not how to
 * connect. A SQL dialect's full profile, guard facts included, is a SqlDialectProfile.
 */
export interface SqlDialect {
  /** Dialect name. */
  readonly name: SqlDialectName;
  /** Human name used in prompts, e.g. "Amazon Redshift". */
  readonly displayName: string;
  /** File under `prompts/dialects/` with the notes for the SQL-writing prompt. */
  readonly promptNotesFile: string;
  /** Quotes an identifier so that any name (reserved word, mixed case, spaces) is safe. */
  quoteIdentifier(identifier: string): string;
}
