import { engineOwnLexer } from '../engine-own-lexer.js';
import { informationLeakFunctions } from '../information-leak-functions.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { duckdbFunctionList } from './duckdb-function-list.js';

/**
 * DuckDB SQL: PostgreSQL-like syntax with analytic extras (QUALIFY, strftime, `::`), read with the
 * PostgreSQL parser its own grammar derives from. DuckDB 1.5 has no `FETCH FIRST n ROWS WITH TIES`.
 */
export const duckDbDialect: SqlDialectProfile = {
  name: 'duckdb',
  displayName: 'DuckDB',
  promptNotesFile: 'duckdb.md',
  quoteIdentifier: quoteWithDoubleQuotes,
  grammar: {
    parser: 'libpg-query',
    label: 'DuckDB SQL (parsed with the PostgreSQL grammar DuckDB derives from)',
    limitWithTies: false,
  },
  lexical: engineOwnLexer,
  defaultSchema: 'main',
  systemRelations: {
    schemas: ['pg_catalog', 'information_schema', 'system', 'temp'],
    prefixes: ['pg_', 'duckdb_', 'pragma_', 'sqlite_'],
    names: ['information_schema'],
    dollarMetadataTables: false,
  },
  // The PostgreSQL grammar turns SQL-syntax functions (TRIM, EXTRACT, SUBSTRING, …) into pg_catalog.* calls.
  builtInSchemas: ['pg_catalog'],
  deniedFunctions: [
    {
      rule: 'denied-file-access',
      why: 'reads files, URLs, environment variables or other databases',
      names: ['glob', 'getenv', 'sniff_csv', 'csv_scan', 'arrow_scan', 'delta_scan', 'st_read', 'st_read_meta',
        'st_readosm', 'st_readshp', 'load_aws_credentials', 'which_secret', 'read_text', 'read_blob'],
      prefixes: ['read_', 'parquet_', 'iceberg_', 'postgres_', 'mysql_', 'sqlite_', 'http', 'ducklake_', 'delta_'],
    },
    {
      rule: 'denied-function',
      why: 'runs SQL from a string or changes database state',
      names: ['query', 'query_table', 'json_execute_serialized_sql', 'json_serialize_plan', 'checkpoint',
        'force_checkpoint', 'nextval', 'currval', 'setval', 'set_config', 'sql_auto_complete', 'check_peg_parser',
        'truncate_duckdb_logs', 'write_log', 'sleep_ms', 'setseed', 'getvariable', 'current_setting', 'summary',
        'seq_scan', 'histogram_values', 'parse_duckdb_log_message'],
      prefixes: ['enable_', 'disable_'],
    },
    { rule: 'system-catalog', why: 'reads engine metadata', prefixes: ['duckdb_', 'pragma_', 'pg_'] },
    informationLeakFunctions,
  ],
  functionAllowList: duckdbFunctionList,
};
