import { acrossDialects, type AttackCase } from './attack-case.js';

/**
 * Class 8: answer-layer leakage (system prompt, schema, server details, PII). The prompt itself never
 * reaches the database; blocked here are the SQL routes to server and schema details an attacker
 * would have the answer quote back.
 */
export const classEightAttacks: AttackCase[] = [
  ...acrossDialects(8, 'version', ['postgres', 'redshift', 'mysql', 'duckdb', 'sqlite'], 'SELECT version()', 'denied-function'),
  ...acrossDialects(8, 'current-setting', ['postgres', 'redshift', 'duckdb'], "SELECT current_setting('data_directory')", 'denied-function'),
  ...acrossDialects(8, 'pg-settings', ['postgres'], 'SELECT name, setting FROM pg_settings', 'system-catalog'),
  ...acrossDialects(8, 'server-address', ['postgres'], 'SELECT inet_server_addr()', 'denied-function'),
  ...acrossDialects(8, 'pg-hba', ['postgres'], 'SELECT * FROM pg_hba_file_rules', 'system-catalog'),
  ...acrossDialects(8, 'system-variable', ['mysql'], 'SELECT @@version, @@datadir', 'system-variable'),
  ...acrossDialects(8, 'user-function', ['mysql'], 'SELECT user()', 'denied-function'),
  ...acrossDialects(8, 'database-function', ['mysql'], 'SELECT database()', 'denied-function'),
  ...acrossDialects(8, 'sqlite-version', ['sqlite'], 'SELECT sqlite_version()', 'system-catalog'),
  ...acrossDialects(8, 'duckdb-secrets', ['duckdb'], 'SELECT * FROM duckdb_secrets()', 'system-catalog'),
  ...acrossDialects(8, 'which-secret', ['duckdb'], "SELECT which_secret('s3://bucket/x', 's3')", 'denied-file-access'),
  ...acrossDialects(8, 'snowflake-account', ['snowflake'], 'SELECT CURRENT_ACCOUNT(), CURRENT_ROLE()', 'denied-function'),
  ...acrossDialects(8, 'snowflake-get-ddl', ['snowflake'], "SELECT GET_DDL('table', 'customers')", 'denied-function'),
  ...acrossDialects(8, 'snowflake-result-scan', ['snowflake'], 'SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID(-2)))', 'denied-function'),
  ...acrossDialects(8, 'athena-information-schema', ['athena', 'trino'], 'SELECT * FROM information_schema.columns', 'system-catalog'),
  ...acrossDialects(8, 'trino-catalog-information-schema', ['trino'], 'SELECT * FROM hive.information_schema.columns', 'system-catalog'),
  ...acrossDialects(8, 'trino-system-metadata', ['trino'], 'SELECT * FROM system.metadata.table_comments', 'system-catalog'),
  ...acrossDialects(8, 'trino-jdbc-metadata', ['trino'], 'SELECT * FROM jdbc.tables', 'system-catalog'),
  ...acrossDialects(8, 'trino-runtime-unqualified', ['trino'], 'SELECT query FROM runtime.queries', 'system-catalog'),
  ...acrossDialects(8, 'trino-postgres-catalog', ['trino'], 'SELECT * FROM postgresql.pg_catalog.pg_authid', 'system-catalog'),
  ...acrossDialects(8, 'trino-current-user', ['trino'], 'SELECT current_user', 'denied-function'),
  ...acrossDialects(8, 'schema-dump-union', ['postgres', 'mysql'],
    'SELECT name FROM customers UNION ALL SELECT column_name FROM information_schema.columns', 'system-catalog'),
];
