// Run in a child process by duckdb-unusable-instance.test.ts: the DuckDB instance this leaves open
// on purpose would abort a test worker when it exits. Prints one JSON line with what it saw.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createConnector } from '../../src/connectors/connector-factory.js';

const directory = process.argv[2] ?? '';
const database = path.join(directory, 'numbers.duckdb');
const seed = await DuckDBInstance.create(database);
const seeding = await seed.connect();
await seeding.run('CREATE TABLE numbers AS SELECT range AS n FROM range(3)');
seeding.closeSync();
seed.closeSync();
await fs.mkdir(path.join(directory, 'forbidden'));

const limits = { maxRows: 10, timeoutMs: 10_000 };
const connector = createConnector({ name: 'numbers', kind: 'duckdb', description: 'Probe', connection: { database } });
const attack = await connector
  .execute(`CALL enable_logging(storage := 'file', storage_path := '${path.join(directory, 'forbidden', 'log')}')`, limits)
  .then(() => 'answered', (error: unknown) => String(error));
const afterwards = await connector.execute('SELECT count(*) FROM numbers', limits).then(
  (result) => result.rows,
  (error: unknown) => String(error),
);
const closingAt = performance.now();
await connector.close();
const closeMs = performance.now() - closingAt;
const written = await fs.readdir(path.join(directory, 'forbidden'));
console.log(JSON.stringify({ attack, afterwards, closeMs, written }));
// The abandoned instance cannot be closed without aborting; leave before Node's teardown finalises it.
process.exit(0);
