import type { DuckDbPaths } from '../helpers/duckdb-demo-target.js';
import { securityCase, type SecurityCase } from '../helpers/security-case.js';

/** Class 2 on DuckDB: table functions that run SQL given as a string, however the string is built. */
export function duckDbStringSqlCases(paths: DuckDbPaths): SecurityCase[] {
  const sales = (name: string, sql: string) => securityCase(2, 'duckdb', name, 'sales', sql);
  const ops = (name: string, sql: string) => securityCase(2, 'duckdb', name, 'ops', sql);
  return [
    sales('query-pii', "SELECT * FROM query('SELECT email FROM users')"),
    sales('query-upper', "SELECT * FROM QUERY('SELECT phone FROM users')"),
    sales('query-quoted', `SELECT * FROM "query"('SELECT email FROM users')`),
    sales('query-concatenated', "SELECT * FROM query('SELECT em' || 'ail FROM users')"),
    sales('query-concat-function', "SELECT * FROM query(concat('SELECT email', ' FROM users'))"),
    sales('query-file', `SELECT * FROM query('FROM ''${paths.secretCsv}''')`),
    ops('query-hidden', "SELECT * FROM query('SELECT note FROM staff_secrets')"),
    sales('query-table-pii', "SELECT * FROM query_table('users')"),
    sales('query-table-list', "SELECT * FROM query_table(['users', 'users'], true)"),
    ops('query-table-hidden', "SELECT * FROM query_table(['staff_secrets'])"),
    sales('query-table-file', `SELECT * FROM query_table('${paths.secretParquet}')`),
    sales('json-execute-serialized', "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT email FROM users'))"),
    ops('json-execute-serialized-hidden', "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT note FROM staff_secrets'))"),
    securityCase(2, 'duckdb', 'json-serialize-round-trip', 'sales', "SELECT json_deserialize_sql(json_serialize_sql('SELECT 1 AS one')) AS sql_text", {
      answerMayBeHarmless: true,
    }),
  ];
}

/** Class 2 on PostgreSQL: full-text, XML and dblink functions that run their text argument as a query. */
export function postgresStringSqlCases(database: string): SecurityCase[] {
  const shop = (name: string, sql: string) => securityCase(2, 'postgres', name, 'shop', sql);
  const rewrite = (query: string) => `SELECT ts_rewrite('x'::tsquery, '${query.replaceAll("'", "''")}') AS q`;
  return [
    shop('ts-rewrite-pii', rewrite("SELECT 'x'::tsquery, plainto_tsquery('simple', string_agg(email, ' ')) FROM customers")),
    shop('ts-rewrite-hidden', rewrite("SELECT 'x'::tsquery, plainto_tsquery('simple', string_agg(note, ' ')) FROM staff_secrets")),
    shop('ts-rewrite-other-source', rewrite("SELECT 'x'::tsquery, plainto_tsquery('simple', string_agg(memo, ' ')) FROM vault.ledger")),
    shop('ts-rewrite-roles', rewrite("SELECT 'x'::tsquery, plainto_tsquery('simple', string_agg(rolname, ' ')) FROM pg_roles")),
    shop('ts-rewrite-version', rewrite("SELECT 'x'::tsquery, plainto_tsquery('simple', version())")),
    shop('ts-rewrite-advisory-lock', rewrite("SELECT 'x'::tsquery, 'y'::tsquery FROM pg_advisory_lock(4245)")),
    shop('ts-rewrite-in-where', `SELECT name FROM customers WHERE ts_rewrite('x'::tsquery, 'SELECT ''x''::tsquery, ''y''::tsquery FROM pg_advisory_lock(4246)') IS NOT NULL`),
    shop('ts-stat-pii', "SELECT * FROM ts_stat('SELECT to_tsvector(''simple'', email) FROM customers')"),
    shop('ts-stat-weights', "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', note) FROM staff_secrets', 'a')"),
    shop('ts-stat-qualified', "SELECT word FROM pg_catalog.ts_stat('SELECT to_tsvector(''simple'', memo) FROM vault.ledger')"),
    shop('query-to-xml-pii', "SELECT query_to_xml('SELECT email FROM customers', true, false, '')"),
    shop('query-to-xml-lock', "SELECT query_to_xml('SELECT pg_advisory_lock(4247)', true, false, '')"),
    shop('query-to-xmlschema', "SELECT query_to_xmlschema('SELECT note FROM staff_secrets', true, false, '')"),
    shop('query-to-xml-and-xmlschema', "SELECT query_to_xml_and_xmlschema('SELECT note FROM staff_secrets', true, false, '')"),
    shop('xpath-over-query-to-xml', "SELECT unnest(xpath('//email/text()', query_to_xml('SELECT email FROM customers', true, false, ''))) AS e"),
    shop('cursor-to-xml', "SELECT cursor_to_xml('c'::refcursor, 10, true, false, '')"),
    shop('database-to-xml', "SELECT database_to_xml(true, false, '')"),
    shop('schema-to-xml-other-source', "SELECT schema_to_xml('vault', true, false, '')"),
    shop('dblink-query', `SELECT * FROM dblink('dbname=${database}', 'SELECT note FROM staff_secrets') AS t(note text)`),
    shop('dblink-exec', `SELECT dblink_exec('dbname=${database}', 'DELETE FROM orders')`),
  ];
}

/** Class 2 on MariaDB: statements that run SQL from a string, and JSON_TABLE over a query's text. */
export function mariaDbStringSqlCases(): SecurityCase[] {
  const hrm = (name: string, sql: string) => securityCase(2, 'mariadb', name, 'hrm', sql);
  return [
    hrm('execute-immediate', "EXECUTE IMMEDIATE 'SELECT email FROM employees'"),
    hrm('execute-immediate-concat', "EXECUTE IMMEDIATE CONCAT('SELECT note ', 'FROM payroll')"),
    hrm('prepare', "PREPARE leak FROM 'SELECT email FROM employees'"),
    hrm('json-table-over-pii', "SELECT j.e FROM JSON_TABLE((SELECT JSON_ARRAYAGG(email) FROM employees), '$[*]' COLUMNS (e VARCHAR(80) PATH '$')) AS j"),
    hrm('json-table-over-hidden', "SELECT j.e FROM JSON_TABLE((SELECT JSON_ARRAYAGG(note) FROM payroll), '$[*]' COLUMNS (e VARCHAR(80) PATH '$')) AS j"),
    securityCase(2, 'mariadb', 'json-table-literal', 'hrm', `SELECT j.v FROM JSON_TABLE('[1, 2]', '$[*]' COLUMNS (v INT PATH '$')) AS j`, {
      answerMayBeHarmless: true,
    }),
  ];
}
