import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { attackCorpus } from './attacks/index.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';

const postgres = await probeService('postgres');
const database = `swy_attacks_${process.pid}`;
const tableDefinitions = [
  'CREATE TABLE customers (customer_id integer PRIMARY KEY, name varchar(40), email varchar(80))',
  'CREATE TABLE products (product_id integer PRIMARY KEY, title varchar(40), price decimal(8,2))',
  'CREATE TABLE orders (order_id integer PRIMARY KEY, customer_id integer, ordered_at date)',
  'CREATE TABLE order_items (order_id integer, product_id integer, quantity integer)',
];
const seedRows = [
  "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', 'grace@example.com')",
  "INSERT INTO products VALUES (1, 'Lamp', 19.99), (2, 'Desk', 149.00)",
  "INSERT INTO orders VALUES (1, 1, DATE '2024-01-05'), (2, 2, DATE '2024-02-07')",
  'INSERT INTO order_items VALUES (1, 1, 2), (2, 2, 1)',
];
const countQuery =
  'SELECT (SELECT COUNT(*) FROM customers) AS c, (SELECT COUNT(*) FROM products) AS p, (SELECT COUNT(*) FROM orders) AS o, (SELECT COUNT(*) FROM order_items) AS i';

// Hundreds of attack requests come from one client in seconds; the rate limit is not what is tested here.
const unlimited = { SWITCHYARD_RATE_LIMIT_MAX: '0' };

/** The scripted model answers every SQL request with the attack under test: a compromised or injected model. */
function attackerModel(current: { sql: string }): ScriptedLanguageModel {
  return new ScriptedLanguageModel([], () => `<sql>${current.sql}</sql>`);
}

async function runAttacks(app: FastifyInstance, source: string, dialects: string[], current: { sql: string }): Promise<number> {
  const cases = attackCorpus.filter((attack) => dialects.includes(attack.dialect));
  for (const attack of cases) {
    current.sql = attack.sql;
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: `attack ${attack.id}`, source } });
    expect([422, 502], `${attack.id} answered ${response.statusCode}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
    const error = response.json().error;
    expect(['SWY_ERR_SQL_REJECTED', 'SWY_ERR_REPAIR_EXHAUSTED'], attack.id).toContain(error.code);
    // Every attempt stopped at the guard: none reached the database.
    for (const attempt of error.details.attempts as { error: string }[]) expect(attempt.error, attack.id).toMatch(/^Rejected by the read-only guard/);
  }
  return cases.length;
}

async function writeCatalog(sourceYaml: string): Promise<string> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-attack-catalog-'));
  await fs.writeFile(path.join(directory, 'sources.yaml'), `sources:\n${sourceYaml}`);
  return directory;
}

describe.skipIf(!postgres.available)('attack SQL through the whole pipeline on PostgreSQL', () => {
  const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database });
  const current = { sql: '' };
  let app: FastifyInstance;
  let catalogDirectory: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    await client.connect();
    for (const statement of [...tableDefinitions, ...seedRows]) await client.query(statement);
    catalogDirectory = await writeCatalog(
      `  - name: shop\n    kind: postgres\n    description: Shop orders\n    connection: { host: 127.0.0.1, user: postgres, database: ${database} }\n`,
    );
    app = await buildTestApp({ languageModel: attackerModel(current), catalogDirectory, environment: unlimited });
  });

  afterAll(async () => {
    await app?.close();
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    if (catalogDirectory) await fs.rm(catalogDirectory, { recursive: true, force: true });
  });

  it('blocks every postgres and redshift attack before execution; tables and rows are unchanged', async () => {
    const before = (await client.query(countQuery)).rows[0];
    const tablesBefore = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows;
    const attacks = await runAttacks(app, 'shop', ['postgres', 'redshift'], current);
    expect(attacks).toBeGreaterThan(100);
    expect((await client.query(countQuery)).rows[0]).toEqual(before);
    expect((await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows).toEqual(tablesBefore);
  });
});

describe('attack SQL through the whole pipeline on DuckDB', () => {
  const current = { sql: '' };
  let app: FastifyInstance;
  let directory: string;
  let databaseFile: string;

  async function counts(): Promise<unknown> {
    const instance = await DuckDBInstance.create(databaseFile, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(`${countQuery}, (SELECT COUNT(*) FROM duckdb_tables()) AS t`);
    const rows = reader.getRowsJson();
    connection.closeSync();
    instance.closeSync();
    return rows;
  }

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-attack-duckdb-'));
    databaseFile = path.join(directory, 'shop.duckdb');
    const instance = await DuckDBInstance.create(databaseFile);
    const connection = await instance.connect();
    for (const statement of [...tableDefinitions, ...seedRows]) await connection.run(statement);
    connection.closeSync();
    instance.closeSync();
    const catalogDirectory = await writeCatalog(`  - name: shop\n    kind: duckdb\n    description: Shop orders\n    connection: { database: ${databaseFile} }\n`);
    app = await buildTestApp({ languageModel: attackerModel(current), catalogDirectory, environment: unlimited });
  });

  afterAll(async () => {
    await app?.close();
    if (directory) await fs.rm(directory, { recursive: true, force: true });
  });

  it('blocks every duckdb attack before execution; no table, row or file changes', async () => {
    const filesBefore = await fs.readdir(directory);
    const before = await counts();
    const attacks = await runAttacks(app, 'shop', ['duckdb'], current);
    expect(attacks).toBeGreaterThan(40);
    expect(await counts()).toEqual(before);
    expect(await fs.readdir(directory)).toEqual(filesBefore);
  });
});
