import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DuckDbInstanceState } from '../connectors/duckdb/duckdb-instance-state.js';
import { duckDbSandboxStatements } from '../connectors/duckdb/duckdb-sandbox-settings.js';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';

/** A sandboxed in-memory DuckDB of the combine step, with what it looked like once locked. */
export interface CombineInstance {
  /** The engine instance. */
  readonly instance: DuckDBInstance;
  /** Its instance-wide settings, attached databases and secrets as locked (see DuckDbInstanceState). */
  readonly state: DuckDbInstanceState;
  /** The memory limit and thread count it was made with, the key it is pooled under. */
  readonly key: string;
}

// Every object a statement could leave in the instance's own database or catalog: none, once locked.
const catalogFingerprint =
  'SELECT (SELECT count(*) FROM duckdb_tables()), (SELECT count(*) FROM duckdb_views() WHERE NOT internal), ' +
  '(SELECT count(*) FROM duckdb_functions() WHERE NOT internal), (SELECT count(*) FROM duckdb_sequences()), ' +
  '(SELECT count(*) FROM duckdb_types() WHERE NOT internal), (SELECT count(*) FROM duckdb_schemas() WHERE NOT internal), ' +
  '(SELECT count(*) FROM duckdb_indexes())';
const emptyCatalog = JSON.stringify([[0, 0, 0, 0, 0, 0, 0]]);

async function catalogOf(connection: DuckDBConnection): Promise<string> {
  return JSON.stringify((await connection.runAndReadAll(catalogFingerprint)).getRows(), (_, value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
}

/**
 * A new in-memory DuckDB, sandboxed before anyone uses it: no extension installed or loaded on demand,
 * no spill files (a query past the memory limit fails), external access off and the configuration
 * locked. Sources are attached afterwards (an in-memory ATTACH needs no file access).
 */
async function createSandboxedInstance(memoryLimitMb: number, threads: number): Promise<CombineInstance> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    allow_persistent_secrets: 'false',
    memory_limit: `${memoryLimitMb}MB`,
    threads: String(threads),
    temp_directory: '',
  });
  const setup = await instance.connect();
  let state: DuckDbInstanceState;
  try {
    for (const statement of duckDbSandboxStatements({ allowedPaths: [], allowedDirectories: [] })) await setup.run(statement);
    state = await DuckDbInstanceState.capture(setup, true);
  } catch (error) {
    setup.closeSync();
    instance.closeSync();
    throw error;
  }
  setup.closeSync();
  return { instance, state, key: `${memoryLimitMb}:${threads}` };
}

// Instances that served an answer and were found as they were made, ready for the next answer; one
// made ahead when none is, so an answer does not wait the tens of milliseconds DuckDB takes to start.
const idle = new Map<string, CombineInstance[]>();
/** The instance being made ahead per key; `claimed` once an answer took it before it was ready. */
const making = new Map<string, { readonly made: Promise<CombineInstance>; claimed: boolean }>();
/** Idle instances kept per memory limit and thread count; more are closed when they come back. */
const maxIdle = 2;

function keepOrClose(combine: CombineInstance): void {
  const kept = idle.get(combine.key) ?? [];
  if (kept.length >= maxIdle) void closeSandboxedInstance(combine.instance, undefined);
  else idle.set(combine.key, [...kept, combine]);
}

function makeAhead(memoryLimitMb: number, threads: number, key: string): void {
  if (making.has(key)) return;
  const ahead = { made: createSandboxedInstance(memoryLimitMb, threads), claimed: false };
  making.set(key, ahead);
  ahead.made.then(
    (combine) => {
      if (making.get(key) === ahead) making.delete(key);
      if (!ahead.claimed) keepOrClose(combine);
    },
    () => {
      if (making.get(key) === ahead) making.delete(key);
    },
  );
}

/**
 * A sandboxed instance for one answer, used by that answer alone until it is given back: an idle
 * one, the one being made ahead, or a new one (another is then made ahead for the next answer).
 */
export async function takeSandboxedInstance(memoryLimitMb: number, threads: number): Promise<CombineInstance> {
  const key = `${memoryLimitMb}:${threads}`;
  const kept = idle.get(key) ?? [];
  const ready = kept.pop();
  if (ready !== undefined) {
    if (kept.length === 0) makeAhead(memoryLimitMb, threads, key);
    return ready;
  }
  const ahead = making.get(key);
  if (ahead !== undefined) {
    ahead.claimed = true;
    making.delete(key);
    // One that failed to start is made again here (which then fails itself if DuckDB cannot start).
    return ahead.made.catch(() => createSandboxedInstance(memoryLimitMb, threads));
  }
  const made = await createSandboxedInstance(memoryLimitMb, threads);
  makeAhead(memoryLimitMb, threads, key);
  return made;
}

/**
 * Gives an answer's instance back. Only after an answer whose every statement succeeded, and only
 * once every database the answer attached is detached and the instance is found exactly as it was
 * made (no object in its catalog, no attached database, no secret, every watched setting as locked),
 * it may serve another answer; otherwise it is closed.
 */
export function giveBackSandboxedInstance(combine: CombineInstance, connection: DuckDBConnection | undefined, succeeded: boolean): Promise<void> {
  const returned = succeeded && connection !== undefined ? checkAndKeep(combine, connection) : closeSandboxedInstance(combine.instance, connection);
  const settled = returned.catch(() => undefined);
  returning.add(settled);
  void settled.then(() => returning.delete(settled));
  return returned;
}

/** Instances being given back (checked, kept or closed). */
const returning = new Set<Promise<void>>();

/** Resolves once every instance given back or being made ahead so far is kept or closed: for tests. */
export async function sandboxedInstancesReturned(): Promise<void> {
  await Promise.all([...returning, ...[...making.values()].map((ahead) => ahead.made.catch(() => undefined))]);
}

async function checkAndKeep(combine: CombineInstance, connection: DuckDBConnection): Promise<void> {
  let check: DuckDBConnection | undefined;
  try {
    connection.closeSync();
    check = await combine.instance.connect();
    const attached = (await check.runAndReadAll("SELECT database_name FROM duckdb_databases() WHERE NOT internal AND database_name <> 'memory'")).getRows();
    for (const [name] of attached) await check.run(`DETACH ${quoteWithDoubleQuotes(String(name))}`);
    const clean = (await catalogOf(check)) === emptyCatalog && (await combine.state.check(combine.instance)) === 'intact';
    check.closeSync();
    check = undefined;
    if (clean) keepOrClose(combine);
    else await closeSandboxedInstance(combine.instance, undefined);
  } catch {
    await closeSandboxedInstance(combine.instance, check);
  }
}

/** Idle instances ready for the next answer, for tests. */
export function idleSandboxedInstances(memoryLimitMb: number, threads: number): number {
  return idle.get(`${memoryLimitMb}:${threads}`)?.length ?? 0;
}

// Instances a statement left unable to serve: closing one aborts the process (DuckDB throws from a
// destructor when its log storage is a path the sandbox forbids), so they stay open and referenced.
const abandoned: unknown[] = [];

/**
 * Closes an instance and the connection it served on, unless a statement left it unable to serve (a
 * trivial query on a new connection fails): then both stay open for the life of the process.
 */
export async function closeSandboxedInstance(instance: DuckDBInstance, connection: DuckDBConnection | undefined): Promise<void> {
  let probe: DuckDBConnection | undefined;
  try {
    probe = await instance.connect();
    await probe.run('SELECT 1');
  } catch {
    abandoned.push(instance, connection, probe);
    return;
  }
  probe.closeSync();
  connection?.closeSync();
  instance.closeSync();
}
