import type { SqlDialectName } from '../dialects/sql-dialect.js';
import { athenaFunctionList } from '../dialects/athena/athena-function-list.js';
import { duckdbFunctionList } from '../dialects/duckdb/duckdb-function-list.js';
import type { FunctionAllowList, FunctionPosition } from '../dialects/function-allow-list.js';
import { sqlSyntaxForms } from './sql-syntax-forms.js';
import { mysqlFunctionList } from '../dialects/mysql/mysql-function-list.js';
import { postgresFunctionList } from '../dialects/postgres/postgres-function-list.js';
import { redshiftFunctionList } from '../dialects/redshift/redshift-function-list.js';
import { snowflakeFunctionList } from '../dialects/snowflake/snowflake-function-list.js';
import { sqliteFunctionList } from '../dialects/sqlite/sqlite-function-list.js';
import { GuardRejection, type GuardRule } from './guard-rejection.js';

/*
 * Two lists per dialect. The allow-list (dialects/<dialect>/<dialect>-function-list.ts) names every function the
 * guard accepts, by position (expression or FROM item) and category; anything else, user-defined functions
 * and macros included, is refused as `unlisted-function`, which a model can repair and an operator can
 * lift for one source in its overlay. The denial groups below name what is never allowed, not even by an
 * overlay: functions whose arguments name relations or files, that run SQL from a string, change engine
 * state, sleep or lock, or disclose the server and session; they get their own rule so the audit log shows
 * an attack as one. Names are compared after the parser resolved quoting, comments and qualification, and
 * after Unicode compatibility folding (NFKC) with invisible format characters removed, so
 * `"PG_READ_FILE"`, `pg_catalog.pg_read_file/**\/(` and fullwidth look-alikes all resolve to
 * `pg_read_file`. A test enumerates every function each engine we run knows and fails on any name that is
 * on neither list, so an engine upgrade cannot slip a new function in.
 */

/** One denial: which names, under which rule, and the sentence shown to the user. */
interface DenialGroup {
  /** Rule reported for a match. */
  rule: GuardRule;
  /** Why these functions are denied, as a sentence fragment. */
  why: string;
  /** Exact lower-case names. */
  names?: readonly string[];
  /** Lower-case name prefixes. */
  prefixes?: readonly string[];
}

const informationLeaks: DenialGroup = {
  rule: 'denied-function',
  why: 'discloses server, session or privilege information',
  names: ['version', 'current_setting', 'connection_id', 'database', 'schema', 'user', 'session_user', 'system_user',
    'current_user', 'current_role'],
};

const postgresFamily: readonly DenialGroup[] = [
  {
    rule: 'denied-file-access',
    why: 'reads or writes server files or large objects',
    names: ['loread', 'lowrite'],
    prefixes: ['lo_', 'pg_read', 'pg_ls_', 'pg_stat_file', 'pg_file_'],
  },
  {
    rule: 'denied-function',
    why: 'runs SQL from a string, reaches other servers, changes state, sleeps or locks',
    names: [
      'set_config', 'ts_rewrite', 'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml',
      'cursor_to_xmlschema', 'table_to_xml', 'table_to_xmlschema', 'table_to_xml_and_xmlschema', 'ts_stat',
      'crosstab', 'crosstab2', 'crosstab3', 'crosstab4', 'connectby', 'nextval', 'setval', 'currval', 'lastval',
      'txid_current', 'inet_server_addr', 'inet_server_port', 'inet_client_addr', 'inet_client_port',
      'obj_description', 'col_description', 'shobj_description', 'row_security_active', 'get_raw_page',
      'page_header', 'gin_clean_pending_list', 'sys_exec', 'sys_eval', 'slice_num',
    ],
    prefixes: [
      'pg_', 'dblink', 'schema_to_xml', 'database_to_xml', 'has_', 'to_reg', 'brin_', 'bt_', 'heap_page',
      'binary_upgrade_', 'http', 'txid_', 'aws_',
    ],
  },
  {
    rule: 'system-catalog',
    why: 'looks names up in the system catalog',
    names: ['regclass', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regtype', 'regnamespace', 'regrole',
      'regconfig', 'regdictionary', 'regcollation'],
  },
  informationLeaks,
];

const mysqlGroups: readonly DenialGroup[] = [
  { rule: 'denied-file-access', why: 'reads server files', names: ['load_file'] },
  {
    rule: 'denied-function',
    why: 'sleeps, burns CPU, takes locks, waits on replication or runs shell commands',
    names: [
      'sleep', 'benchmark', 'get_lock', 'release_lock', 'release_all_locks', 'is_free_lock', 'is_used_lock',
      'master_pos_wait', 'source_pos_wait', 'master_gtid_wait', 'wait_for_executed_gtid_set',
      'wait_until_sql_thread_after_gtids', 'sys_exec', 'sys_eval', 'current_user', 'current_role',
      'last_insert_id', 'row_count', 'found_rows',
    ],
  },
  informationLeaks,
];

const sqliteGroups: readonly DenialGroup[] = [
  {
    rule: 'denied-file-access',
    why: 'loads extensions or reads and writes files',
    names: ['load_extension', 'readfile', 'writefile', 'edit', 'fsdir', 'zipfile', 'zipfile_cds', 'sqlar_compress',
      'sqlar_uncompress', 'lsmode'],
  },
  {
    rule: 'denied-function',
    why: 'runs SQL from a string or exposes engine internals',
    names: ['eval', 'fts3_tokenizer', 'changes', 'total_changes', 'last_insert_rowid'],
  },
  { rule: 'system-catalog', why: 'reads engine metadata', prefixes: ['sqlite_', 'pragma_'], names: ['dbstat'] },
  informationLeaks,
];

const duckdbGroups: readonly DenialGroup[] = [
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
  informationLeaks,
];

const snowflakeGroups: readonly DenialGroup[] = [
  {
    rule: 'denied-file-access',
    why: 'reads stage files or builds file URLs',
    names: ['get_presigned_url', 'build_scoped_file_url', 'build_stage_file_url', 'get_stage_location',
      'get_relative_path', 'get_absolute_path', 'infer_schema', 'validate', 'validate_pipe_load'],
  },
  {
    rule: 'denied-function',
    why: 'calls system procedures, reads other query results or exposes object definitions',
    names: ['get_ddl', 'result_scan', 'last_query_id', 'current_account', 'current_role', 'current_user',
      'current_session', 'current_warehouse', 'external_function'],
    prefixes: ['system$'],
  },
  {
    rule: 'system-catalog',
    why: 'reads account metadata',
    prefixes: ['query_history', 'login_history', 'copy_history', 'task_history', 'warehouse_', 'policy_references',
      'tag_references', 'automatic_clustering_history', 'stage_storage_usage_history', 'data_transfer_history'],
  },
  informationLeaks,
];

const athenaGroups: readonly DenialGroup[] = [
  {
    rule: 'denied-function',
    why: 'passes SQL through to another engine or exposes the session',
    names: ['query', 'raw_query', 'current_user', 'current_groups', 'current_catalog', 'current_schema'],
  },
  informationLeaks,
];

const groups: Record<SqlDialectName, readonly DenialGroup[]> = {
  postgres: postgresFamily,
  redshift: postgresFamily,
  duckdb: duckdbGroups,
  mysql: mysqlGroups,
  snowflake: snowflakeGroups,
  athena: athenaGroups,
  sqlite: sqliteGroups,
};

/** The schema that holds a dialect's built-ins, with which a built-in may be qualified. */
const builtInSchemas: Record<SqlDialectName, ReadonlySet<string>> = {
  postgres: new Set(['pg_catalog']),
  redshift: new Set(['pg_catalog']),
  // The PostgreSQL grammar turns SQL-syntax functions (TRIM, EXTRACT, SUBSTRING, …) into pg_catalog.* calls.
  duckdb: new Set(['pg_catalog']),
  mysql: new Set(),
  snowflake: new Set(),
  athena: new Set(),
  sqlite: new Set(),
};

const allowLists: Record<SqlDialectName, FunctionAllowList> = {
  postgres: postgresFunctionList,
  redshift: redshiftFunctionList,
  duckdb: duckdbFunctionList,
  mysql: mysqlFunctionList,
  snowflake: snowflakeFunctionList,
  athena: athenaFunctionList,
  sqlite: sqliteFunctionList,
};

/** The vetted functions of a dialect. */
export function functionAllowList(dialect: SqlDialectName): FunctionAllowList {
  return allowLists[dialect];
}

/** Qualifiers that name engine metadata namespaces in some dialect; calls into them read the catalog. */
const metadataSchemas: ReadonlySet<string> = new Set([
  'information_schema', 'snowflake', 'account_usage', 'sys', 'mysql', 'performance_schema', 'system', 'pg_toast',
]);

const invisibleCharacters = /\p{Cf}/gu;

/** Folds a name the way a reader would see it: compatibility-normalised, no invisible characters, lower-case. */
export function foldFunctionName(name: string): string {
  return name.normalize('NFKC').replace(invisibleCharacters, '').toLowerCase();
}

function denialGroup(dialect: SqlDialectName, name: string): DenialGroup | undefined {
  return groups[dialect].find(
    (group) => group.names?.includes(name) === true || group.prefixes?.some((prefix) => name.startsWith(prefix)) === true,
  );
}

/** The rule under which a function (folded bare name) is never allowed in the dialect, if it is one of those. */
export function neverAllowedRule(dialect: SqlDialectName, name: string): GuardRule | undefined {
  return denialGroup(dialect, name)?.rule;
}

/** Throws the denial group's rejection when the function (name parts) is never allowed in the dialect. */
export function assertNotNeverAllowed(dialect: SqlDialectName, parts: readonly string[]): void {
  const denial = denialGroup(dialect, foldFunctionName(parts[parts.length - 1] ?? ''));
  if (denial !== undefined) {
    throw new GuardRejection(denial.rule, `The query calls ${parts.join('.')}(), which ${denial.why}; it is not allowed.`);
  }
}

/** One call as the analyzer found it. */
export interface FunctionCall {
  /** Name parts, outermost first, as the parser resolved them. */
  parts: readonly string[];
  /** In an expression, or as a FROM item. */
  position: FunctionPosition;
}

/**
 * Throws a rejection unless the call is on the dialect's allow-list for its position, or on the source's
 * own list (`extraAllowed`: folded names, qualified where the overlay qualified them). Never-allowed
 * functions are refused first, whatever either list says. Returns the name used for the audit list.
 */
export function assertFunctionAllowed(
  dialect: SqlDialectName,
  call: FunctionCall,
  extraAllowed: ReadonlySet<string> = new Set(),
): string {
  const folded = call.parts.map(foldFunctionName);
  const name = folded[folded.length - 1] ?? '';
  const display = call.parts.join('.');
  assertNotNeverAllowed(dialect, call.parts);
  const qualified = folded.join('.');
  if (extraAllowed.has(qualified)) return qualified;
  const qualifiers = folded.slice(0, -1);
  const foreign = qualifiers.find((qualifier) => !builtInSchemas[dialect].has(qualifier));
  if (foreign !== undefined && metadataSchemas.has(foreign)) {
    throw new GuardRejection('system-catalog', `The query calls ${display}(), which reads engine metadata.`);
  }
  const list = allowLists[dialect];
  const vetted = call.position === 'table' ? list.table : list.expression;
  const syntaxForm = call.position === 'expression' && sqlSyntaxForms.has(name);
  if (foreign === undefined && (vetted.has(name) || syntaxForm)) return qualified;
  const what = call.position === 'table' ? 'table function' : 'function';
  const where = foreign === undefined ? '' : ` in schema "${foreign}"`;
  throw new GuardRejection(
    'unlisted-function',
    `The query calls the ${what} ${display}()${where}, which is not on the list of built-in functions allowed ` +
      `for ${list.reviewedAgainst} SQL${call.position === 'table' ? ' in FROM' : ''}; rewrite it with standard built-in functions.`,
  );
}
