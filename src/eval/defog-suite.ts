import fs from 'node:fs';
import path from 'node:path';
import { loadModule } from 'libpg-query';
import pg from 'pg';
import type { ServiceConfig } from '../config/service-config.js';
import type { SourceConfig } from '../sources/source-config.js';
import { csvRecords, expandDefogQuery } from './defog-query-files.js';
import { sourceNameFor, writeTemporaryCatalog, type TemporaryCatalog } from './eval-catalog-writer.js';
import type { EvalQuestion, EvalSuite, SuiteLoadOptions } from './eval-types.js';

const questionFiles = ['questions_gen_postgres.csv', 'instruct_basic_postgres.csv', 'instruct_advanced_postgres.csv'];

/** PostgreSQL connection settings without the database. */
interface ServerSettings {
  /** Host name or address. */
  readonly host: string;
  /** Port. */
  readonly port: number;
  /** User name. */
  readonly user: string;
  /** Password, when the server asks for one. */
  readonly password?: string;
}

/** Where the defog dumps are loaded: PGHOST/PGPORT/PGUSER/PGPASSWORD, default 127.0.0.1:5432 as postgres. */
function serverSettings(config: ServiceConfig): ServerSettings {
  return {
    host: config.evalPostgresHost,
    port: config.evalPostgresPort,
    user: config.evalPostgresUser,
    ...(config.evalPostgresPassword ? { password: config.evalPostgresPassword } : {}),
  };
}

async function withClient<T>(server: ServerSettings, database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...server, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The one non-public schema a dump creates (ewallet's `consumer_div`), else undefined. */
function dumpSchema(dump: string): string | undefined {
  return /CREATE SCHEMA IF NOT EXISTS\s+([a-z_][a-z0-9_]*)/i.exec(dump)?.[1];
}

/**
 * defog sql-eval on PostgreSQL: each database dump under defog_data is loaded into a fresh database
 * named `swy_eval_<pid>_<db>` (dropped again by cleanup), and each becomes a `postgres` source.
 */
export async function loadDefogSuite(options: SuiteLoadOptions): Promise<EvalSuite> {
  await loadModule();
  const root = path.join(options.benchRoot, 'defog');
  const server = serverSettings(options.config);
  const questions: EvalQuestion[] = [];
  for (const file of questionFiles) {
    csvRecords(fs.readFileSync(path.join(root, 'questions', file), 'utf8')).forEach((record, index) => {
      const instructions = record['instructions']?.trim();
      questions.push({
        id: `${file}#${index}`,
        question: instructions ? `${record['question']} (Instructions: ${instructions})` : (record['question'] ?? ''),
        source: sourceNameFor(`defog_${record['db_name']}`),
        goldSql: expandDefogQuery(record['query'] ?? ''),
        difficulty: record['query_category'] || 'unknown',
        ordinal: questions.length,
        databaseId: record['db_name'] ?? '',
      });
    });
  }
  const kept = options.limit === undefined ? questions : questions.slice(0, options.limit);
  const databases = [...new Set(kept.map((question) => question.source.replace(/^defog_/, '')))];
  const created: string[] = [];
  const dropAll = async () => {
    await withClient(server, 'postgres', async (client) => {
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  };
  const sources: SourceConfig[] = [];
  let catalog: TemporaryCatalog;
  try {
    for (const database of databases) {
      const dump = fs.readFileSync(path.join(root, 'defog_data', database, `${database}.sql`), 'utf8');
      const name = `swy_eval_${process.pid}_${database}`;
      await withClient(server, 'postgres', async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${name}"`);
      });
      created.push(name);
      await withClient(server, name, (client) => client.query(dump));
      const schema = dumpSchema(dump);
      sources.push({
        name: sourceNameFor(`defog_${database}`),
        kind: 'postgres',
        description: `defog sql-eval database ${database}`,
        connection: { ...server, database: name, ...(schema ? { schema } : {}) },
      });
    }
    // Inside the try: a catalog that cannot be written must not leave the loaded databases behind.
    catalog = await writeTemporaryCatalog('defog', sources);
  } catch (error) {
    await dropAll().catch(() => undefined);
    throw error;
  }
  return {
    name: 'defog',
    catalogDirectory: catalog.directory,
    config: options.config,
    environment: {},
    questions: kept,
    skipped: [],
    sourceGiven: options.sourceGiven ?? true,
    async cleanup() {
      await catalog.remove();
      await dropAll();
    },
  };
}
