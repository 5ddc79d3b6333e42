import mysql from 'mysql2/promise';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogFixture, type CatalogFixture } from '../catalog/catalog-fixture.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';

/*
 * A MariaDB source in its default sql_mode: the connector tells the guard its sessions read backslash
 * escapes, so the model's `\'` is accepted for the answer and again for its rows.csv.
 */

const mariadb = await probeService('mariadb');
const escapedSql = "<sql>SELECT name FROM cards WHERE name = 'Ancestor\\'s Chosen'</sql>";

describe.skipIf(!mariadb.available)('MySQL backslash escapes through the pipeline', () => {
  const database = `swy_escape_pipeline_${process.pid}`;
  let admin: mysql.Connection;
  let app: FastifyInstance | undefined;
  let fixture: CatalogFixture | undefined;

  beforeAll(async () => {
    admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`CREATE TABLE ${database}.cards (name VARCHAR(100), border VARCHAR(20))`);
    await admin.query(`INSERT INTO ${database}.cards VALUES ('Ancestor''s Chosen', 'black'), ('Other', 'white')`);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await fixture?.remove();
    fixture = undefined;
  });
  afterAll(async () => {
    await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin?.end();
  });

  it('answers from SQL with an escaped apostrophe and downloads the same rows', async () => {
    fixture = await createCatalogFixture(
      [
        '  - name: cards',
        '    kind: mysql',
        '    description: Trading cards in MariaDB',
        `    connection: { host: 127.0.0.1, port: 3306, user: root, database: ${database} }`,
      ].join('\n'),
    );
    const model = new ScriptedLanguageModel([escapedSql, 'One card.']);
    app = await buildTestApp({ languageModel: model, catalogDirectory: fixture.catalogDirectory, environment: { SWITCHYARD_DATA_DIR: fixture.dataDirectory } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: "Which card is Ancestor's Chosen?", source: 'cards' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { attempts: unknown[]; rows: unknown[][]; queryId: string };
    expect(body.attempts).toHaveLength(1);
    expect(body.rows).toEqual([["Ancestor's Chosen"]]);
    const download = await app.inject({ method: 'GET', url: `/query/${body.queryId}/rows.csv` });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.body).toContain("Ancestor's Chosen");
  });
});
