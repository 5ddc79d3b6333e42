import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckDbSandboxStatements } from '../connectors/duckdb/duckdb-sandbox-settings.js';

/**
 * A fresh in-memory DuckDB, sandboxed before anyone uses it: no extension installed or loaded on
 * demand, no spill files (a query past the memory limit fails), external access off and the
 * configuration locked. Sources are attached afterwards (an in-memory ATTACH needs no file access).
 */
async function createSandboxedInstance(memoryLimitMb: number, threads: number): Promise<DuckDBInstance> {
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
  try {
    for (const statement of duckDbSandboxStatements({ allowedPaths: [], allowedDirectories: [] })) await setup.run(statement);
  } catch (error) {
    setup.closeSync();
    instance.closeSync();
    throw error;
  }
  setup.closeSync();
  return instance;
}

// One instance made ahead per memory limit and thread count, so an answer does not wait the tens of
// milliseconds DuckDB takes to start. Each is handed out once: every answer still gets a fresh one.
const spares = new Map<string, Promise<DuckDBInstance>>();

/** A fresh sandboxed instance for one answer; the next one starts being made at once. */
export function takeSandboxedInstance(memoryLimitMb: number, threads: number): Promise<DuckDBInstance> {
  const key = `${memoryLimitMb}:${threads}`;
  const ready = spares.get(key) ?? createSandboxedInstance(memoryLimitMb, threads);
  const next = createSandboxedInstance(memoryLimitMb, threads);
  // A spare that failed to start is made again on the next take (which then fails itself if DuckDB cannot start).
  next.catch(() => {
    if (spares.get(key) === next) spares.delete(key);
  });
  spares.set(key, next);
  return ready;
}

// Instances a statement left unable to serve: closing one aborts the process (DuckDB throws from a
// destructor when its log storage is a path the sandbox forbids), so they stay open and referenced.
const abandoned: unknown[] = [];

/**
 * Closes an answer's instance and its connection, unless a statement left it unable to serve (a
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
