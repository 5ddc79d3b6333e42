/** Where the sandbox check keeps the source's files and the files it must never reach. */
export interface SandboxPaths {
  /** The temporary directory holding everything below. */
  readonly root: string;
  /** The source's database file. */
  readonly database: string;
  /** The directory a globbed view reads. */
  readonly lake: string;
  /** A CSV file outside the source's files. */
  readonly secretCsv: string;
  /** Stands in for the saved catalog snapshot. */
  readonly catalogSnapshot: string;
  /** Stands in for the audit log (every client's SQL). */
  readonly auditLog: string;
  /** Another source's database file. */
  readonly otherDatabase: string;
  /** An empty directory that attacks try to write into. */
  readonly output: string;
}

/** One statement sent straight to the connector, as if the guard had let it through. */
export interface SandboxAttack {
  /** What the attack tries. */
  readonly name: string;
  /** The statement, built from the check's paths. */
  readonly sql: (paths: SandboxPaths) => string;
  /** True when the engine must refuse it; otherwise it may answer but must change and reveal nothing. */
  readonly mustFail: boolean;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const refused = (name: string, sql: (paths: SandboxPaths) => string): SandboxAttack => ({ name, sql, mustFail: true });
const harmless = (name: string, sql: (paths: SandboxPaths) => string): SandboxAttack => ({ name, sql, mustFail: false });

/** Reading files that are not the source's own, in every spelling DuckDB offers. */
const fileReads: SandboxAttack[] = [
  refused('read_csv of a file outside the source', (p) => `SELECT * FROM read_csv(${literal(p.secretCsv)})`),
  refused('a replacement scan of a file path', (p) => `SELECT * FROM ${literal(p.secretCsv)}`),
  refused('read_csv of /etc/passwd', () => "SELECT * FROM read_csv('/etc/passwd')"),
  refused('read_text of the catalog snapshot', (p) => `SELECT * FROM read_text(${literal(p.catalogSnapshot)})`),
  refused('read_json_auto of the audit log', (p) => `SELECT * FROM read_json_auto(${literal(p.auditLog)})`),
  refused('read_blob of a file outside the source', (p) => `SELECT * FROM read_blob(${literal(p.secretCsv)})`),
  refused('sniff_csv of a file outside the source', (p) => `SELECT * FROM sniff_csv(${literal(p.secretCsv)})`),
  refused('histogram over a file name', (p) => `SELECT * FROM histogram(${literal(p.secretCsv)}, value)`),
  refused('a file read inside query()', (p) => `SELECT * FROM query(${literal(`SELECT * FROM read_text(${literal(p.secretCsv)})`)})`),
  refused('a path escaping the globbed directory with ..', (p) => `SELECT * FROM read_csv(${literal(`${p.lake}/../../private/secret.csv`)})`),
  refused('glob listing a directory outside the source', (p) => `SELECT * FROM glob(${literal(`${p.root}/private/*`)})`),
  refused("attaching another source's database file", (p) => `ATTACH ${literal(p.otherDatabase)} AS other (READ_ONLY)`),
];

/** Writing files, installing or loading code, and changing the instance's settings. */
const writesAndSettings: SandboxAttack[] = [
  refused('COPY … TO a file', (p) => `COPY (SELECT 1 AS x) TO ${literal(`${p.output}/copied.csv`)}`),
  refused('EXPORT DATABASE', (p) => `EXPORT DATABASE ${literal(`${p.output}/exported`)}`),
  refused('PRAGMA enable_profiling with a format', () => "PRAGMA enable_profiling = 'json'"),
  refused('SET profiling_output', (p) => `SET profiling_output = ${literal(`${p.output}/profile.json`)}`),
  refused('SET log_query_path', (p) => `SET log_query_path = ${literal(`${p.output}/queries.log`)}`),
  refused('INSTALL httpfs', () => 'INSTALL httpfs'),
  refused('INSTALL from a repository URL', () => "INSTALL httpfs FROM 'http://127.0.0.1:9/'"),
  refused('LOAD an extension', () => 'LOAD tpch'),
  refused('SET enable_external_access = true', () => 'SET enable_external_access = true'),
  refused('SET allowed_directories', () => "SET allowed_directories = ['/']"),
  refused('RESET lock_configuration', () => 'RESET lock_configuration'),
  refused('SET autoload_known_extensions', () => 'SET autoload_known_extensions = true'),
  refused('SET allow_community_extensions', () => 'SET allow_community_extensions = true'),
  refused('PRAGMA threads', () => 'PRAGMA threads = 1'),
  refused('SET GLOBAL memory_limit', () => "SET GLOBAL memory_limit = '1MB'"),
  refused('SET temp_directory to a path of our choosing', (p) => `SET temp_directory = ${literal(p.output)}`),
  refused('CREATE PERSISTENT SECRET', () => "CREATE PERSISTENT SECRET leak (TYPE S3, KEY_ID 'a', SECRET 'b')"),
  refused('CREATE TABLE in the read-only database', () => 'CREATE TABLE planted AS SELECT 1 AS x'),
  refused('ATTACH a new in-memory database', () => "ATTACH ':memory:' AS scratch"),
];

/** Statements the sandbox cannot refuse but whose effect stays within the statement or its own connection. */
const contained: SandboxAttack[] = [
  harmless('sleep_ms (interruptible, bounded by the statement timeout)', () => 'SELECT sleep_ms(20)'),
  harmless('query() running SQL from a string', () => "SELECT * FROM query('SELECT 42 AS answer')"),
  harmless('PRAGMA enable_profiling on its own connection', () => 'PRAGMA enable_profiling'),
  harmless('enable_profiling saving to a file (the write is refused)', (p) =>
    `SELECT * FROM enable_profiling(format := 'json', save_location := ${literal(`${p.output}/profile.json`)}), range(3)`,
  ),
  harmless('enable_logging in memory, capturing every client', () => 'CALL enable_logging()'),
  harmless('disable_logging', () => 'SELECT * FROM disable_logging()'),
  harmless('truncate_duckdb_logs', () => 'CALL truncate_duckdb_logs()'),
  harmless('enable_peg_parser for every client', () => 'CALL enable_peg_parser()'),
  harmless('a temporary table on its own connection', () => 'CREATE TEMPORARY TABLE planted AS SELECT 1 AS x'),
  harmless('SET search_path (allowed by the lock; the connection is discarded after)', () => "SET search_path = 'system.main'"),
];

/** Every attack the sandbox check sends, in order. */
export const duckDbSandboxAttacks: readonly SandboxAttack[] = [...fileReads, ...writesAndSettings, ...contained];
