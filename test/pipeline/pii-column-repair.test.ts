import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCatalogFixture, salesOverlay, type CatalogFixture } from '../catalog/catalog-fixture.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

// The fixture's sales overlay marks users.email (`pii: [email]`) and users.phone (`pii: true`) as PII.
const piiReason = /Column users\.email holds personal data and may not be read; name only the columns you need\./;
const starReason = /"\*" reads every column of users, and users\.email, users\.phone hold personal data/;
/** Anything shaped like the demo's e-mail addresses or phone numbers. */
const piiValue = /@|\(\d{3}\) \d{3}-\d{4}/;

describe('PII columns through the whole pipeline', () => {
  let app: FastifyInstance | undefined;
  let fixture: CatalogFixture | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await fixture?.remove();
    fixture = undefined;
  });

  async function start(model: ScriptedLanguageModel, environment: Record<string, string> = {}): Promise<FastifyInstance> {
    fixture = await createCatalogFixture();
    app = await buildTestApp({
      languageModel: model,
      catalogDirectory: fixture.catalogDirectory,
      environment: { SWITCHYARD_DATA_DIR: fixture.dataDirectory, ...environment },
    });
    return app;
  }

  it('tells the model why SELECT * was refused and answers from the named non-PII columns only', async () => {
    const model = new ScriptedLanguageModel([
      '<sql>SELECT * FROM users ORDER BY userid LIMIT 3</sql>',
      '<sql>SELECT userid, username, city FROM users ORDER BY userid LIMIT 3</sql>',
      'Three users from three cities.',
    ]);
    const server = await start(model);
    const response = await server.inject({ method: 'POST', url: '/query', payload: { question: 'Show three users', source: 'sales' } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].sql).toContain('SELECT * FROM users');
    expect(body.attempts[0].error).toContain('(pii-column)');
    expect(body.attempts[0].error).toMatch(starReason);
    // The repair prompt carried the guard's reason and the refused SQL.
    const repairPrompt = model.promptOf(1);
    expect(repairPrompt).toMatch(starReason);
    expect(repairPrompt).toContain('SELECT * FROM users');
    expect(body.columns.map((column: { name: string }) => column.name)).toEqual(['userid', 'username', 'city']);
    expect(body.rows).toHaveLength(3);
    // No PII value reached the client or the explain prompt.
    expect(JSON.stringify(body)).not.toMatch(piiValue);
    expect(model.promptOf(2)).not.toMatch(piiValue);
  });

  it('ends with SWY_ERR_SQL_REJECTED when the last attempt still reads a PII column, and never runs it', async () => {
    const model = new ScriptedLanguageModel([], '<sql>SELECT CAST(email AS INTEGER) AS n FROM users</sql>');
    const server = await start(model, { SWITCHYARD_MAX_SQL_ATTEMPTS: '2' });
    const response = await server.inject({ method: 'POST', url: '/query', payload: { question: 'Email as a number?', source: 'sales' } });
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('SWY_ERR_SQL_REJECTED');
    expect(error.details.rule).toBe('pii-column');
    expect(error.details.reason).toMatch(piiReason);
    expect(error.details.attempts).toHaveLength(2);
    // The engine never saw the cast, so its error message could not echo an address.
    expect(response.body).not.toMatch(piiValue);
    expect(model.calls).toHaveLength(2);
    expect(model.promptOf(1)).toMatch(piiReason);
  });

  it('traces an alias column list to users.email, refuses it, and answers from the repaired SQL', async () => {
    // The demo's users columns are userid, username, firstname, lastname, city, state, email, …: `g` is email.
    const renamed = 'SELECT u.a, u.g FROM users AS u(a, b, c, d, e, f, g) ORDER BY u.a LIMIT 3';
    const model = new ScriptedLanguageModel([`<sql>${renamed}</sql>`, '<sql>SELECT userid, city FROM users ORDER BY userid LIMIT 3</sql>', 'Three users.']);
    const server = await start(model);
    const response = await server.inject({ method: 'POST', url: '/query', payload: { question: 'Contact of three users', source: 'sales' } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].sql).toBe(renamed);
    const renamedReason = /Column users\.email \(renamed "g" by an alias column list\) holds personal data and may not be read/;
    expect(body.attempts[0].error).toMatch(renamedReason);
    expect(model.promptOf(1)).toMatch(renamedReason);
    expect(body.columns.map((column: { name: string }) => column.name)).toEqual(['userid', 'city']);
    expect(JSON.stringify(body)).not.toMatch(piiValue);
    expect(model.promptOf(2)).not.toMatch(piiValue);
  });

  it('answers and downloads a rename that covers only columns without personal data', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT a, e FROM users AS u(a, b, c, d, e) ORDER BY a</sql>', 'Users and cities.']);
    const server = await start(model);
    const answer = await server.inject({ method: 'POST', url: '/query', payload: { question: 'User cities?', source: 'sales', maxRows: 2 } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().attempts).toHaveLength(1);
    const download = await server.inject({ method: 'GET', url: `/query/${answer.json().queryId}/rows.csv` });
    expect(download.statusCode).toBe(200);
    expect(download.body.split('\n')[0]).toBe('a,e');
    expect(download.body).not.toMatch(piiValue);
  });

  it('re-checks a stored query against the current catalog before a CSV download', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT userid, email FROM users ORDER BY userid</sql>', 'Users.']);
    const server = await start(model);
    // Before the overlay marks any column PII, the e-mail column may be read.
    await fixture!.writeOverlay('sales.yaml', salesOverlay.replace('    pii: [email]\n', '').replace(', pii: true', ''));
    await server.catalog.refresh();
    const answer = await server.inject({ method: 'POST', url: '/query', payload: { question: 'User e-mails?', source: 'sales', maxRows: 2 } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().queryId).toBeTruthy();
    // Marked PII since: the download is refused rather than re-run.
    await fixture!.writeOverlay('sales.yaml', salesOverlay);
    await server.catalog.refresh();
    const download = await server.inject({ method: 'GET', url: `/query/${answer.json().queryId}/rows.csv` });
    expect(download.statusCode).toBe(422);
    expect(download.json().error).toMatchObject({ code: 'SWY_ERR_SQL_REJECTED', details: { rule: 'pii-column' } });
    expect(download.body).not.toMatch(piiValue);
  });
});
