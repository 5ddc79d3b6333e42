/**
 * The body of the worker thread that runs sql.js for one SQLite source, started with `eval: true`
 * so it works the same under tsx, vitest and the compiled build (a worker cannot load a `.ts`
 * file by itself). It is CommonJS because eval'd workers are, and sql.js is a CommonJS package.
 *
 * Why a worker at all: sql.js runs SQLite synchronously on the thread that calls it, so a long
 * statement on the main thread would block the whole service and could not be stopped. In a
 * worker it can: the connector terminates the worker on timeout or abort and starts a fresh one.
 *
 * Protocol: the worker posts `{ type: 'ready' }` or `{ type: 'failed', message }` once, then answers
 * each `{ id, sql, maxRows }` with `{ id, columns, rows, truncated }` or `{ id, error }`. Integers
 * arrive as bigint (exact beyond 2^53); the connector makes them JSON-safe.
 */
export const sqliteWorkerScript = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const initSqlJs = require(workerData.sqlJsPath);

function storageClass(value) {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return 'real';
  if (typeof value === 'string') return 'text';
  return 'blob';
}

function run(database, message) {
  const statement = database.prepare(message.sql);
  try {
    const names = statement.getColumnNames();
    const types = names.map(() => undefined);
    const rows = [];
    while (rows.length <= message.maxRows && statement.step()) {
      const row = statement.get(null, { useBigInt: true });
      row.forEach((value, index) => { types[index] = types[index] ?? storageClass(value); });
      rows.push(row);
    }
    const truncated = rows.length > message.maxRows;
    return {
      id: message.id,
      columns: names.map((name, index) => ({ name, type: types[index] ?? 'null' })),
      rows: truncated ? rows.slice(0, message.maxRows) : rows,
      truncated,
    };
  } finally {
    statement.free();
  }
}

(async () => {
  let database;
  try {
    const bytes = fs.readFileSync(workerData.file);
    const SQL = await initSqlJs();
    database = new SQL.Database(bytes);
    // Fails here, not on the first question, when the file is not a SQLite database.
    database.exec('SELECT count(*) FROM sqlite_master');
    // The engine refuses every write; the file itself is never written back in any case.
    database.exec('PRAGMA query_only = ON');
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  parentPort.on('message', (message) => {
    try {
      parentPort.postMessage(run(database, message));
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  parentPort.postMessage({ type: 'ready' });
})();
`;
