import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FastifyInstance } from 'fastify';
import { testDataDirectory } from '../../helpers/global-setup.js';
import { repositoryRoot } from '../../helpers/services.js';
import { attackFilePrefix, fileListing, removeAttackFiles } from './file-listing.js';
import { buildObservedApp, type ObservedApp } from './observed-app-builder.js';
import type { ProbeTarget, StateSnapshot } from './pipeline-probe.js';
import { apiKeysSetting, bearer, redTeamClients } from './red-team-clients.js';
import { emailShape, phoneShape } from './secret-scanner.js';

const marker = (kind: string) => `${kind}${process.pid}x`;

/** Markers planted in data the attacker must never read. */
export const duckDbMarkers = {
  /** In every row of the overlay-hidden table ops.staff_secrets. */
  hiddenRow: marker('HIDDENROW'),
  /** In the secret files of the watched folder. */
  file: marker('FILESECRET'),
  /** In another client's question, hence in the audit log. */
  audit: marker('AUDITSECRET'),
  /** In ops.tickets.reporter_email, a PII column. */
  opsEmailDomain: `pii${process.pid}.example`,
};

/** Paths the attacks name. */
export interface DuckDbPaths {
  /** Folder of everything the target makes; removed at close. */
  readonly workDirectory: string;
  /** Copy of the demo catalog plus the ops source. */
  readonly catalogDirectory: string;
  /** Folder of the secret files and the audit log; must gain no file. */
  readonly watchDirectory: string;
  /** A CSV file holding the file marker. */
  readonly secretCsv: string;
  /** A JSON file holding the file marker. */
  readonly secretJson: string;
  /** A text file holding the file marker. */
  readonly secretText: string;
  /** A Parquet file holding the file marker. */
  readonly secretParquet: string;
  /** The audit log (JSON lines): every client's question and SQL. */
  readonly auditLog: string;
  /** Another source's files (legal claims Parquet), out of the attacker's key scope. */
  readonly legalGlob: string;
  /** The ops database file. */
  readonly opsDatabase: string;
  /** The saved catalog snapshots. */
  readonly snapshotDirectory: string;
}

/** The demo sources plus an `ops` source with a hidden table, run by the real app. */
export interface DuckDbTarget extends ProbeTarget {
  /** Paths for attack SQL. */
  readonly paths: DuckDbPaths;
  /** The owner's answered query (asked before any attack). */
  readonly ownerQueryId: string;
  /** Stops the app and removes every file made. */
  close(): Promise<void>;
}

async function readColumnValues(database: string, sql: string): Promise<Set<string>> {
  const instance = await DuckDBInstance.create(database, database === ':memory:' ? {} : { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const rows = (await connection.runAndReadAll(sql)).getRowsJson();
    return new Set(rows.flat().map((value) => String(value).toLowerCase()));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function writeSecretFiles(paths: DuckDbPaths): Promise<void> {
  await fs.writeFile(paths.secretCsv, `id,note\n1,${duckDbMarkers.file}csv\n`);
  await fs.writeFile(paths.secretJson, JSON.stringify([{ id: 1, note: `${duckDbMarkers.file}json` }]));
  await fs.writeFile(paths.secretText, `${duckDbMarkers.file}text\n`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT 1 AS id, '${duckDbMarkers.file}parquet' AS note) TO '${paths.secretParquet}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
}

async function writeOpsDatabase(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  for (const statement of [
    'CREATE TABLE tickets (ticket_id INTEGER, subject VARCHAR, reporter_email VARCHAR, priority INTEGER)',
    `INSERT INTO tickets SELECT i, 'Printer jam ' || i, 'reporter' || i || '@${duckDbMarkers.opsEmailDomain}', i % 3 FROM range(1, 6) t(i)`,
    'CREATE TABLE staff_secrets (secret_id INTEGER, note VARCHAR)',
    `INSERT INTO staff_secrets SELECT i, '${duckDbMarkers.hiddenRow}' || i FROM range(1, 4) t(i)`,
    'CREATE SEQUENCE ticket_number START 100',
  ]) {
    await connection.run(statement);
  }
  connection.closeSync();
  instance.closeSync();
}

async function writeCatalog(directory: string, opsDatabase: string): Promise<void> {
  await fs.cp(path.join(repositoryRoot, 'catalog'), directory, { recursive: true });
  const ops = `  - name: ops\n    kind: duckdb\n    description: "Operations: support tickets raised by staff, with priority"\n    connection:\n      database: ${opsDatabase}\n`;
  await fs.appendFile(path.join(directory, 'sources.yaml'), ops);
  const overlay = [
    'source: ops',
    'tables:',
    '  tickets:',
    '    description: One row per support ticket.',
    '    pii: [reporter_email]',
    '  staff_secrets:',
    '    hidden: true',
    '',
  ].join('\n');
  await fs.writeFile(path.join(directory, 'overlays', 'ops.yaml'), overlay);
}

async function tablesOf(app: FastifyInstance, source: string): Promise<string[]> {
  const result = await app.sources
    .handle(source)
    .connector.execute("SELECT table_catalog || '.' || table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' OR table_type = 'VIEW'", { maxRows: 1000, timeoutMs: 10_000 });
  return result.rows.map((row) => `"${String(row[0]).split('.').join('"."')}"`);
}

/** Every DuckDB source's row counts, sequences and settings (on each pooled connection), and the watched files. */
async function duckDbSnapshot(app: FastifyInstance, tables: Map<string, string[]>, watched: readonly (readonly [string, number])[]): Promise<StateSnapshot> {
  const snapshot: StateSnapshot = {};
  const options = { maxRows: 10_000, timeoutMs: 10_000 };
  for (const [source, names] of tables) {
    const connector = app.sources.handle(source).connector;
    if (names.length > 0) {
      const counts = await connector.execute(`SELECT ${names.map((name) => `(SELECT count(*) FROM ${name})`).join(', ')}`, options);
      snapshot[`${source} row counts`] = JSON.stringify(counts.rows);
    }
    snapshot[`${source} sequences`] = JSON.stringify((await connector.execute('SELECT sequence_name, last_value FROM duckdb_sequences()', options)).rows);
    // Three at once, so each of the pool's three connections reports its own (session) settings; sorted,
    // because which connection answers which call varies.
    const settings = await Promise.all(
      [0, 1, 2].map(() => connector.execute("SELECT string_agg(name || '=' || coalesce(value, 'NULL'), '\n' ORDER BY name) FROM duckdb_settings()", options)),
    );
    // An instance the connector replaced (file logging to a forbidden path leaves one unusable) gets a spill
    // folder of its own, and DuckDB's parser reset spells the same default in lower case: neither is a change.
    const perConnection = settings
      .map((result) =>
        String(result.rows[0]?.[0])
          .replace(/switchyard-duckdb-[A-Za-z0-9]+/gu, 'switchyard-duckdb-…')
          .replace(/^allow_parser_override_extension=(.*)$/mu, (_line, value: string) => `allow_parser_override_extension=${value.toLowerCase()}`),
      )
      .sort();
    perConnection.forEach((rendered, index) => (snapshot[`${source} settings of connection ${index}`] = rendered));
  }
  return { ...snapshot, ...(await fileListing(watched)) };
}

/**
 * The paths of one run, fixed before anything is made (per process and name), so a test file can build
 * its case list at collection time.
 */
export function duckDbPaths(name: string): DuckDbPaths {
  const workDirectory = path.join(os.tmpdir(), `${attackFilePrefix}${name}`);
  const watchDirectory = path.join(workDirectory, 'watched');
  return {
    workDirectory,
    catalogDirectory: path.join(workDirectory, 'catalog'),
    watchDirectory,
    secretCsv: path.join(watchDirectory, 'secret.csv'),
    secretJson: path.join(watchDirectory, 'secret.json'),
    secretText: path.join(watchDirectory, 'secret.txt'),
    secretParquet: path.join(watchDirectory, 'secret.parquet'),
    auditLog: path.join(watchDirectory, 'audit.jsonl'),
    legalGlob: path.join(testDataDirectory, 'demo', 'legal', 'claims', '**', '*.parquet'),
    opsDatabase: path.join(workDirectory, 'ops.duckdb'),
    snapshotDirectory: path.join(testDataDirectory, 'catalog-snapshots'),
  };
}

/** Starts the app over the demo catalog plus `ops`; the attacker's key reaches sales and ops only. */
export async function startDuckDbTarget(paths: DuckDbPaths, environment: Record<string, string> = {}): Promise<DuckDbTarget> {
  const { workDirectory, watchDirectory, catalogDirectory, opsDatabase } = paths;
  await fs.rm(workDirectory, { recursive: true, force: true });
  await fs.mkdir(watchDirectory, { recursive: true });
  await writeOpsDatabase(opsDatabase);
  await writeCatalog(catalogDirectory, opsDatabase);
  await writeSecretFiles(paths);
  const salesDatabase = path.join(testDataDirectory, 'demo', 'sales.duckdb');
  const emails = await readColumnValues(salesDatabase, 'SELECT email FROM users');
  const phones = await readColumnValues(salesDatabase, 'SELECT phone FROM users');
  const claimIds = await readColumnValues(':memory:', `SELECT claim_id FROM read_parquet('${paths.legalGlob}', hive_partitioning = true)`);

  const observed: ObservedApp = await buildObservedApp(catalogDirectory, {
    SWITCHYARD_API_KEYS: apiKeysSetting(['sales', 'ops'], '*'),
    SWITCHYARD_AUDIT_LOG: paths.auditLog,
    SWITCHYARD_MAX_SQL_ATTEMPTS: '2',
    SWITCHYARD_STATEMENT_TIMEOUT_MS: '5000',
    ...environment,
  });
  const { app, model } = observed;
  // Another client's question: its text lands in the audit log the attacks then try to read.
  model.sql = 'SELECT count(*) AS sales_count FROM sales';
  const owner = await app.inject({
    method: 'POST',
    url: '/query',
    headers: bearer(redTeamClients.ownerKey),
    payload: { question: `How many sales? ${duckDbMarkers.audit}`, source: 'sales' },
  });
  if (owner.statusCode !== 200) throw new Error(`the owner's question failed: ${owner.body}`);
  const tables = new Map<string, string[]>();
  for (const source of ['sales', 'hr', 'finance', 'legal', 'ops']) tables.set(source, await tablesOf(app, source));
  const home = os.homedir();
  const watched: [string, number][] = [
    [watchDirectory, 2],
    [catalogDirectory, 2],
    [path.join(testDataDirectory, 'demo'), 3],
    [repositoryRoot, 0],
    [path.join(home, '.duckdb'), 4],
  ];
  return {
    observed,
    paths,
    ownerQueryId: (owner.json() as { queryId: string }).queryId,
    secrets: {
      markers: [duckDbMarkers.hiddenRow, duckDbMarkers.file, duckDbMarkers.audit, duckDbMarkers.opsEmailDomain],
      valueSets: [
        { label: 'sales.users email', shape: emailShape, values: emails },
        { label: 'sales.users phone', shape: phoneShape, values: phones },
        { label: 'legal claim id (another source)', shape: /clm-\d{4}-\d{6}/, values: claimIds },
      ],
      hiddenNames: ['staff_secrets'],
    },
    snapshot: () => duckDbSnapshot(app, tables, watched),
    close: async () => {
      await app.close();
      removeAttackFiles();
    },
  };
}
