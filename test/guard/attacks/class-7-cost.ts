import { acrossDialects, type AttackCase } from './attack-case.js';

/**
 * Class 7: cost and availability. Blocked here are the statements that stall or lock the engine or
 * lift its limits. Full scans and cross joins are NOT blocked (they are ordinary analytics); the
 * guard forces a LIMIT on them instead, and the connector's statement timeout bounds the rest; the
 * allowed-with-limit behaviour is asserted in sql-guard-behaviour.test.ts.
 */
export const classSevenAttacks: AttackCase[] = [
  ...acrossDialects(7, 'pg-sleep-per-row', ['postgres', 'redshift'], 'SELECT pg_sleep(1) FROM orders', 'denied-function'),
  ...acrossDialects(7, 'pg-sleep-for', ['postgres'], "SELECT pg_sleep_for('1 hour')", 'denied-function'),
  ...acrossDialects(7, 'sleep-per-row', ['mysql'], 'SELECT SLEEP(1) FROM orders', 'denied-function'),
  ...acrossDialects(7, 'benchmark-burn', ['mysql'], "SELECT BENCHMARK(999999999, SHA2('x', 512))", 'denied-function'),
  ...acrossDialects(7, 'disable-timeout', ['postgres', 'redshift', 'duckdb'], 'SET statement_timeout = 0', 'not-a-query'),
  ...acrossDialects(7, 'disable-timeout-mysql', ['mysql'], 'SET SESSION max_execution_time = 0'),
  ...acrossDialects(7, 'set-config-timeout', ['postgres'], "SELECT set_config('statement_timeout', '0', false)", 'denied-function'),
  ...acrossDialects(7, 'lock-table', ['postgres', 'mysql'], 'LOCK TABLES orders WRITE'),
  ...acrossDialects(7, 'row-locks', ['postgres'], 'SELECT * FROM orders CROSS JOIN customers FOR UPDATE', 'locking-clause'),
  ...acrossDialects(7, 'share-locks', ['mysql'], 'SELECT * FROM orders LOCK IN SHARE MODE'),
  ...acrossDialects(7, 'resize-warehouse', ['snowflake'], "ALTER WAREHOUSE analytics SET WAREHOUSE_SIZE = 'X6LARGE'"),
  ...acrossDialects(7, 'advisory-lock-storm', ['postgres'], 'SELECT pg_advisory_xact_lock(id) FROM orders', 'denied-function'),
  ...acrossDialects(7, 'get-lock-storm', ['mysql'], "SELECT GET_LOCK(CONCAT('k', id), 100) FROM orders", 'denied-function'),
  ...acrossDialects(7, 'checkpoint', ['duckdb'], 'CHECKPOINT', 'not-a-query'),
  ...acrossDialects(7, 'vacuum-full', ['postgres', 'sqlite'], 'VACUUM'),
];
