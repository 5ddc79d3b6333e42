import { attackFilePrefix } from '../helpers/file-listing.js';
import type { DuckDbPaths } from '../helpers/duckdb-demo-target.js';
import { securityCase, type SecurityCase } from '../helpers/security-case.js';

/** A SQL string literal. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Class 1 on DuckDB: table macros and table functions whose arguments name a relation or a file,
 * replacement scans (`FROM 'file'`) and the statement forms that read a relation by name. The
 * neighbours come from duckdb_functions() (function_type table/table_macro with a VARCHAR, VARCHAR[]
 * or TABLE argument). `sales` holds the PII table users; `ops` holds the hidden staff_secrets.
 */
export function duckDbTableMacroCases(paths: DuckDbPaths): SecurityCase[] {
  const csv = literal(paths.secretCsv);
  const json = literal(paths.secretJson);
  const parquet = literal(paths.secretParquet);
  const text = literal(paths.secretText);
  const sales = (name: string, sql: string) => securityCase(1, 'duckdb', name, 'sales', sql);
  const ops = (name: string, sql: string) => securityCase(1, 'duckdb', name, 'ops', sql);
  const harmless = (name: string, sql: string) => securityCase(1, 'duckdb', name, 'sales', sql, { answerMayBeHarmless: true });
  return [
    sales('histogram-pii', 'SELECT * FROM histogram(users, email)'),
    sales('histogram-quoted-table', "SELECT * FROM histogram('users', phone)"),
    sales('histogram-values-pii', 'SELECT * FROM histogram_values(users, email)'),
    sales('histogram-options', "SELECT * FROM histogram(users, email, bin_count := 3, technique := 'sample')"),
    sales('histogram-expression', 'SELECT * FROM histogram(users, lower(email))'),
    sales('histogram-visible-table', 'SELECT * FROM histogram(sales, qtysold)'),
    ops('histogram-hidden-table', 'SELECT * FROM histogram(staff_secrets, note)'),
    ops('histogram-values-hidden-table', 'SELECT bin FROM histogram_values(staff_secrets, note)'),
    sales('histogram-csv-file', `SELECT * FROM histogram(${csv}, note)`),
    sales('histogram-json-file', `SELECT * FROM histogram(${json}, note)`),
    sales('histogram-parquet-file', `SELECT * FROM histogram(${parquet}, note)`),
    sales('histogram-audit-log', `SELECT * FROM histogram(${literal(paths.auditLog)}, question)`),
    sales('histogram-other-source', `SELECT * FROM histogram(${literal(paths.legalGlob)}, claim_id)`),
    sales('histogram-information-schema', 'SELECT * FROM histogram(information_schema.tables, table_name)'),
    sales('histogram-catalog-snapshot', `SELECT * FROM histogram(${literal(`${paths.snapshotDirectory}/*.json`)}, source)`),
    sales('histogram-http', "SELECT * FROM histogram('http://127.0.0.1:9/users.csv', email)"),
    sales('histogram-in-cte', 'WITH h AS (SELECT * FROM histogram(users, email)) SELECT bin FROM h'),
    sales('histogram-in-subquery', 'SELECT (SELECT max(bin) FROM histogram(users, phone)) AS b'),
    sales('summary-table-function', 'SELECT * FROM summary((SELECT email FROM users))'),
    sales('summarize-table', 'SUMMARIZE users'),
    sales('summarize-select', 'SUMMARIZE SELECT email FROM users'),
    ops('describe-hidden-table', 'DESCRIBE staff_secrets'),
    ops('show-tables', 'SHOW TABLES'),
    ops('show-all-tables', 'SHOW ALL TABLES'),
    sales('pivot-pii', 'PIVOT users ON state USING max(email)'),
    ops('from-first-hidden', 'FROM staff_secrets'),
    sales('read-csv', `SELECT * FROM read_csv(${csv})`),
    sales('read-csv-upper', `SELECT * FROM READ_CSV_AUTO(${csv})`),
    sales('read-csv-quoted', `SELECT * FROM "read_csv"(${csv})`),
    sales('read-csv-list', `SELECT * FROM read_csv([${csv}])`),
    sales('read-json', `SELECT * FROM read_json(${json})`),
    sales('read-json-objects', `SELECT * FROM read_json_objects(${json})`),
    sales('read-ndjson-audit', `SELECT * FROM read_ndjson(${literal(paths.auditLog)})`),
    sales('read-ndjson-objects-audit', `SELECT * FROM read_ndjson_objects(${literal(paths.auditLog)})`),
    sales('read-text', `SELECT content FROM read_text(${text})`),
    sales('read-blob', `SELECT content FROM read_blob(${text})`),
    sales('read-parquet', `SELECT * FROM read_parquet(${parquet})`),
    sales('parquet-scan', `SELECT * FROM parquet_scan(${parquet})`),
    sales('parquet-metadata', `SELECT * FROM parquet_metadata(${parquet})`),
    sales('parquet-schema', `SELECT * FROM parquet_schema(${parquet})`),
    sales('parquet-kv-metadata', `SELECT * FROM parquet_kv_metadata(${parquet})`),
    sales('parquet-file-metadata', `SELECT * FROM parquet_file_metadata(${parquet})`),
    sales('parquet-bloom-probe', `SELECT * FROM parquet_bloom_probe(${parquet}, 'note', 'x')`),
    sales('sniff-csv', `SELECT * FROM sniff_csv(${csv})`),
    sales('read-duckdb-hidden', `SELECT * FROM read_duckdb(${literal(paths.opsDatabase)}, table_name := 'staff_secrets')`),
    sales('glob', `SELECT * FROM glob(${literal(`${paths.watchDirectory}/*`)})`),
    sales('replacement-scan-csv', `SELECT * FROM ${csv}`),
    sales('replacement-scan-double-quoted', `SELECT * FROM "${paths.secretCsv}"`),
    sales('replacement-scan-json', `FROM ${json}`),
    sales('replacement-scan-glob', `SELECT * FROM ${literal(`${paths.watchDirectory}/*.parquet`)}`),
    sales('replacement-scan-other-source', `SELECT claim_id FROM ${literal(paths.legalGlob)}`),
    sales('replacement-scan-audit-log', `SELECT question FROM ${literal(paths.auditLog)}`),
    sales('replacement-scan-in-join', `SELECT s.salesid, f.note FROM sales s JOIN ${csv} f ON f.id = s.salesid`),
    sales('replacement-scan-in-cte', `WITH f AS (FROM ${parquet}) SELECT note FROM f`),
    sales('replacement-scan-in-subquery', `SELECT (SELECT max(note) FROM ${csv}) AS n`),
    sales('replacement-scan-relative', `SELECT * FROM '${attackFilePrefix}missing.csv'`),
    sales('table-sample-function', "SELECT * FROM duckdb_table_sample('users')"),
    ops('pragma-table-info-hidden', "SELECT * FROM pragma_table_info('staff_secrets')"),
    ops('pragma-show-hidden', "SELECT * FROM pragma_show('staff_secrets')"),
    ops('pragma-storage-info-hidden', "SELECT * FROM pragma_storage_info('staff_secrets')"),
    sales('which-secret', "SELECT * FROM which_secret('s3://bucket/key', 's3')"),
    sales('duckdb-secrets', 'SELECT * FROM duckdb_secrets()'),
    harmless('range', 'SELECT * FROM range(3)'),
    harmless('generate-series', 'SELECT * FROM generate_series(1, 3)'),
    harmless('unnest-list', 'SELECT * FROM unnest([1, 2, 3])'),
    harmless('json-each-literal', `SELECT * FROM json_each('{"a": 1}')`),
  ];
}

/** Class 1 on PostgreSQL: functions that take a relation name (regclass or schema) and read it. */
export function postgresRelationArgumentCases(): SecurityCase[] {
  const shop = (name: string, sql: string) => securityCase(1, 'postgres', name, 'shop', sql);
  return [
    shop('table-to-xml-hidden', "SELECT table_to_xml('staff_secrets', true, false, '')"),
    shop('table-to-xml-pii', "SELECT table_to_xml('customers'::regclass, true, false, '')"),
    shop('table-to-xml-other-source', "SELECT table_to_xml('vault.ledger', true, false, '')"),
    shop('table-to-xmlschema-hidden', "SELECT table_to_xmlschema('staff_secrets', true, false, '')"),
    shop('schema-to-xml', "SELECT schema_to_xml('public', true, false, '')"),
    shop('other-schema-by-name', 'SELECT memo FROM vault.ledger'),
    shop('information-schema-columns', "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"),
  ];
}

/** Class 1 on MariaDB: relations outside the catalog reached by name or by a file function. */
export function mariaDbRelationCases(): SecurityCase[] {
  const hrm = (name: string, sql: string) => securityCase(1, 'mariadb', name, 'hrm', sql);
  return [
    hrm('other-database-by-name', `SELECT memo FROM swy_redteam_vault_${process.pid}.ledger`),
    hrm('hidden-table-by-name', 'SELECT note FROM payroll'),
    hrm('information-schema-columns', 'SELECT table_name, column_name FROM information_schema.columns'),
    hrm('load-file-relation', "SELECT LOAD_FILE('/etc/hostname') AS content"),
    hrm('mysql-user', 'SELECT user, host FROM mysql.user'),
  ];
}
