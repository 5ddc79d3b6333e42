import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCatalogFixture, type CatalogFixture } from '../catalog/catalog-fixture.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

/*
 * A DuckDB database whose owner defined a macro: the guard refuses it (it is on no vetted list) until the
 * source's overlay allows it by name with a reason; a refusal is repaired, never run. Every refusal a
 * rewrite can lift gets such a repair turn, quoting the guard's rule and reason; policy refusals end at once.
 */

let ledgerFile: string;
beforeAll(async () => {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-ledger-'));
  ledgerFile = path.join(directory, 'ledger.duckdb');
  const instance = await DuckDBInstance.create(ledgerFile);
  const connection = await instance.connect();
  await connection.run('CREATE TABLE entries (entry_id INTEGER, booked_on DATE, amount DECIMAL(10, 2))');
  await connection.run("INSERT INTO entries VALUES (1, DATE '2024-02-10', 10.50), (2, DATE '2024-05-01', 4.00), (3, DATE '2024-05-20', 1.25)");
  await connection.run("CREATE MACRO fiscal_quarter(d) AS 'FY' || year(d + INTERVAL 3 MONTH) || '-Q' || quarter(d + INTERVAL 3 MONTH)");
  connection.closeSync();
  instance.closeSync();
});

const macroSql = '<sql>SELECT fiscal_quarter(booked_on) AS fq, SUM(amount) AS total FROM entries GROUP BY 1 ORDER BY 1</sql>';
const plainSql = '<sql>SELECT quarter(booked_on) AS q, SUM(amount) AS total FROM entries GROUP BY 1 ORDER BY 1</sql>';
const twoAlternatives = [
  'Here are two ways to get it:',
  '<sql>SELECT SUM(amount) AS total FROM entries;',
  'SELECT SUM(amount) AS total FROM entries WHERE amount > 0</sql>',
].join('\n');
const oneStatement = '<sql>SELECT SUM(amount) AS total FROM entries</sql>';

describe('repair over refusal through the whole pipeline', () => {
  let app: FastifyInstance | undefined;
  let fixture: CatalogFixture | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await fixture?.remove();
    fixture = undefined;
  });

  async function start(model: ScriptedLanguageModel, overlay?: string): Promise<FastifyInstance> {
    fixture = await createCatalogFixture(
      ['  - name: ledger', '    kind: duckdb', '    description: General ledger entries', `    connection: { database: ${ledgerFile} }`].join('\n'),
    );
    if (overlay !== undefined) await fixture.writeOverlay('ledger.yaml', overlay);
    app = await buildTestApp({ languageModel: model, catalogDirectory: fixture.catalogDirectory, environment: { SWITCHYARD_DATA_DIR: fixture.dataDirectory } });
    return app;
  }

  it('refuses a user-defined macro with a reason naming it, and answers from the repaired SQL', async () => {
    const model = new ScriptedLanguageModel([macroSql, plainSql, 'Totals per quarter.']);
    const server = await start(model);
    const response = await server.inject({ method: 'POST', url: '/query', payload: { question: 'Totals per fiscal quarter', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].error).toContain('(unlisted-function)');
    expect(body.attempts[0].error).toContain('fiscal_quarter()');
    expect(model.promptOf(1)).toContain('fiscal_quarter()');
    expect(body.rows).toHaveLength(2);
  });

  it("runs the macro once the source's overlay allows it with a reason", async () => {
    const overlay = [
      'source: ledger',
      'functions:',
      '  - name: fiscal_quarter',
      '    reason: Date arithmetic only; reads no table.',
    ].join('\n');
    const model = new ScriptedLanguageModel([macroSql, 'Totals per fiscal quarter.']);
    const server = await start(model, overlay);
    const response = await server.inject({ method: 'POST', url: '/query', payload: { question: 'Totals per fiscal quarter', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(1);
    expect(JSON.stringify(body.rows)).toContain('FY2024-Q2');
  });

  it('refuses an overlay function entry without a reason at start-up', async () => {
    const model = new ScriptedLanguageModel([]);
    await expect(start(model, ['source: ledger', 'functions:', '  - name: fiscal_quarter'].join('\n'))).rejects.toMatchObject({
      code: 'SWY_ERR_CONFIG_INVALID',
    });
  });

  it('asks for exactly one statement when a reply holds two alternatives, and answers from the one it gets', async () => {
    const model = new ScriptedLanguageModel([twoAlternatives, oneStatement, 'The total is 15.75.']);
    const response = await (await start(model)).inject({ method: 'POST', url: '/query', payload: { question: 'Total of all entries', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].error).toMatch(/^Rejected by the read-only guard \(multiple-statements\)/);
    const repairPrompt = model.promptOf(1);
    expect(repairPrompt).toContain('multiple-statements');
    expect(repairPrompt).toContain('Write exactly one statement');
    expect(repairPrompt).toContain('WHERE amount > 0');
    expect(body.sql).toContain('SUM(amount)');
    expect(body.sql).not.toContain(';');
    expect(Number(body.rows[0][0])).toBeCloseTo(15.75);
  });

  it('repairs a call to a denied function: the prompt quotes the rule and reason, the rewrite runs', async () => {
    const denied = "<sql>SELECT current_setting('TimeZone') AS zone, SUM(amount) AS total FROM entries</sql>";
    const model = new ScriptedLanguageModel([denied, oneStatement, 'The total is 15.75.']);
    const response = await (await start(model)).inject({ method: 'POST', url: '/query', payload: { question: 'Total of all entries', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].error).toContain('(denied-function)');
    expect(model.promptOf(1)).toContain('The guard\'s rule: denied-function');
    expect(model.promptOf(1)).toContain('current_setting()');
  });

  it('judges every rewrite afresh: a model that keeps sending alternatives ends refused, nothing ran', async () => {
    const model = new ScriptedLanguageModel([], twoAlternatives);
    const response = await (await start(model)).inject({ method: 'POST', url: '/query', payload: { question: 'Total of all entries', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('SWY_ERR_SQL_REJECTED');
    expect(error.details.rule).toBe('multiple-statements');
    expect(error.details.repairable).toBe(true);
    expect(error.details.attempts.length).toBeGreaterThan(1);
    for (const attempt of error.details.attempts) expect(attempt.error).toMatch(/^Rejected by the read-only guard/);
  });

  it('ends at once on a policy refusal: no repair turn for a write', async () => {
    const model = new ScriptedLanguageModel(['<sql>DELETE FROM entries</sql>']);
    const response = await (await start(model)).inject({ method: 'POST', url: '/query', payload: { question: 'Remove the entries', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(422);
    const error = response.json().error;
    expect(error.details.repairable).toBe(false);
    expect(error.details.attempts).toHaveLength(1);
    expect(model.calls).toHaveLength(1);
  });

  it('does not run a reply that ended inside its <sql> tag when the server does not say why it stopped, and asks again', async () => {
    const unterminated = { text: '<sql>SELECT SUM(amount) AS total FROM entries WHERE amount > 1', finishReason: 'unknown' as const };
    const model = new ScriptedLanguageModel([unterminated, oneStatement, 'The total is 15.75.']);
    const response = await (await start(model)).inject({ method: 'POST', url: '/query', payload: { question: 'Total of all entries', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].error).toContain('cut off');
    expect(body.attempts[0].sql).toBe('');
  });

  it('runs an unclosed <sql> when the model reports it finished on its own', async () => {
    const finished = { text: '<sql>SELECT SUM(amount) AS total FROM entries WHERE amount > 1', finishReason: 'stop' as const };
    const model = new ScriptedLanguageModel([finished, 'The total is 14.50.']);
    const response = await (await start(model)).inject({ method: 'POST', url: '/query', payload: { question: 'Total of all entries', source: 'ledger' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().attempts).toHaveLength(1);
  });
});
