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
  ...acrossDialects(8, 'athena-information-schema', ['athena'], 'SELECT * FROM information_schema.columns', 'system-catalog'),
  ...acrossDialects(8, 'schema-dump-union', ['postgres', 'mysql'],
    'SELECT name FROM customers UNION ALL SELECT column_name FROM information_schema.columns', 'system-catalog'),
];
