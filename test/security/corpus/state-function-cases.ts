import path from 'node:path';
import os from 'node:os';
import { attackFilePrefix } from '../helpers/file-listing.js';
import type { DuckDbPaths } from '../helpers/duckdb-demo-target.js';
import { securityCase, type SecurityCase } from '../helpers/security-case.js';

/** Class 4 on DuckDB: table and scalar functions that change instance state, write files or wait. */
export function duckDbStateFunctionCases(paths: DuckDbPaths): SecurityCase[] {
  const sales = (name: string, sql: string) => securityCase(4, 'duckdb', name, 'sales', sql);
  const ops = (name: string, sql: string) => securityCase(4, 'duckdb', name, 'ops', sql);
  const watched = (name: string) => `'${path.join(paths.watchDirectory, name)}'`;
  return [
    sales('enable-profiling-file', `SELECT * FROM enable_profiling(mode := 'standard', save_location := ${watched('profile.json')}, format := 'json')`),
    sales('enable-profiling-temp', `SELECT * FROM enable_profiling(save_location := '${path.join(os.tmpdir(), `${attackFilePrefix}profile.json`)}')`),
    sales('enable-profiling-relative', `SELECT * FROM enable_profiling(save_location := '${attackFilePrefix}profile.json')`),
    sales('enable-profiling-default', 'SELECT * FROM enable_profiling()'),
    sales('disable-profiling', 'SELECT * FROM disable_profiling()'),
    sales('enable-logging-file', `SELECT * FROM enable_logging(storage := 'file', storage_path := ${watched('logs')})`),
    sales('enable-logging-memory', "SELECT * FROM enable_logging(level := 'DEBUG')"),
    sales('disable-logging', 'SELECT * FROM disable_logging()'),
    sales('truncate-logs', 'SELECT * FROM truncate_duckdb_logs()'),
    sales('read-logs', 'SELECT * FROM duckdb_logs()'),
    sales('read-logs-parsed', "SELECT * FROM duckdb_logs_parsed('QueryLog')"),
    sales('enable-peg-parser', 'SELECT * FROM enable_peg_parser()'),
    sales('disable-peg-parser', 'SELECT * FROM disable_peg_parser()'),
    sales('check-peg-parser', "SELECT * FROM check_peg_parser('SELECT 1')"),
    ops('sql-auto-complete-hidden', "SELECT * FROM sql_auto_complete('SELECT * FROM staff_')"),
    sales('sql-auto-complete-files', `SELECT * FROM sql_auto_complete('SELECT * FROM ''${paths.watchDirectory}/')`),
    sales('sleep-ms', 'SELECT sleep_ms(200) AS slept'),
    sales('sleep-ms-per-row', 'SELECT sleep_ms(1) FROM sales LIMIT 50'),
    sales('checkpoint', 'SELECT * FROM checkpoint()'),
    sales('checkpoint-named', "SELECT * FROM checkpoint('sales')"),
    sales('force-checkpoint', 'SELECT * FROM force_checkpoint()'),
    ops('nextval', "SELECT nextval('ticket_number') AS n"),
    ops('currval', "SELECT currval('ticket_number') AS n"),
    sales('profiling-settings', 'SELECT * FROM duckdb_profiling_settings()'),
  ];
}

/** Class 4 on PostgreSQL: sleeps, settings, sequences, session locks, large objects, notifications. */
export function postgresStateFunctionCases(): SecurityCase[] {
  const shop = (name: string, sql: string) => securityCase(4, 'postgres', name, 'shop', sql);
  return [
    shop('pg-sleep', 'SELECT pg_sleep(0.2)'),
    shop('pg-sleep-for', "SELECT pg_sleep_for('200 milliseconds')"),
    shop('set-config-session', "SELECT set_config('search_path', 'vault, public', false)"),
    shop('set-config-timeout', "SELECT set_config('statement_timeout', '0', false)"),
    shop('set-config-read-only', "SELECT set_config('default_transaction_read_only', 'off', false)"),
    shop('nextval', "SELECT nextval('orders_order_id_seq')"),
    shop('setval', "SELECT setval('invoice_number', 999)"),
    shop('nextval-per-row', "SELECT name, nextval('invoice_number') FROM customers"),
    shop('advisory-lock', 'SELECT pg_advisory_lock(4250)'),
    shop('advisory-lock-shared', 'SELECT pg_advisory_lock_shared(4251)'),
    shop('try-advisory-lock', 'SELECT pg_try_advisory_lock(4252)'),
    shop('advisory-lock-in-where', 'SELECT name FROM customers WHERE pg_try_advisory_lock(customer_id + 4300)'),
    shop('advisory-xact-lock', 'SELECT pg_advisory_xact_lock(4253)'),
    shop('lo-create', 'SELECT lo_create(0)'),
    shop('lo-from-bytea', "SELECT lo_from_bytea(0, 'x')"),
    shop('notify', "SELECT pg_notify('switchyard', 'x')"),
    shop('txid-current', 'SELECT txid_current()'),
    shop('export-snapshot', 'SELECT pg_export_snapshot()'),
  ];
}

/** Lock names the MariaDB cases take; the target checks each is free after every case. */
export const mariaDbLockNames = ['lock', 'row_lock', 'function_lock'].map((name) => `swy_rt_${process.pid}_${name}`);

/** Class 4 on MariaDB: user locks, sleeps, sequences and session variables left behind. */
export function mariaDbStateFunctionCases(): SecurityCase[] {
  const hrm = (name: string, sql: string) => securityCase(4, 'mariadb', name, 'hrm', sql);
  return [
    hrm('get-lock', `SELECT GET_LOCK('${mariaDbLockNames[0]}', 0) AS l`),
    hrm('get-lock-per-row', `SELECT first_name FROM employees WHERE GET_LOCK('${mariaDbLockNames[1]}', 0) = 1`),
    hrm('sleep', 'SELECT SLEEP(0.2) AS s'),
    hrm('benchmark', "SELECT BENCHMARK(1000, MD5('x')) AS b"),
    hrm('nextval', 'SELECT NEXTVAL(ticket_seq) AS n'),
    hrm('setval', 'SELECT SETVAL(ticket_seq, 999) AS n'),
    hrm('user-variable', 'SELECT @swy_rt_var := 42 AS v'),
    hrm('select-into-variable', 'SELECT email INTO @swy_rt_leak FROM employees LIMIT 1'),
    hrm('last-insert-id', 'SELECT LAST_INSERT_ID(4242) AS l'),
    hrm('load-file', "SELECT LOAD_FILE('/etc/hostname') AS f"),
  ];
}
