import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

/** A DuckDB statement that runs for many seconds: far past the test's statement timeout. */
const slowSql = '<sql>SELECT COUNT(*) AS n FROM range(3000000000) a(i) WHERE i % 7 = 3</sql>';

describe('how a question that never gets working SQL ends', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('ends with 504 SWY_ERR_QUERY_TIMEOUT after one lighter rewrite also runs out of time, not five slow runs', async () => {
    const model = new ScriptedLanguageModel([], slowSql);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off', SWITCHYARD_STATEMENT_TIMEOUT_MS: '300' } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'Count the numbers', source: 'sales' } });
    expect(response.statusCode).toBe(504);
    const error = response.json().error;
    expect(error.code).toBe('SWY_ERR_QUERY_TIMEOUT');
    expect(error.details.attempts).toHaveLength(2);
    // The rewrite was asked for with the timeout as the reason.
    expect(model.promptOf(1)).toMatch(/time limit/);
  });

  it('ends with 422 SWY_ERR_SQL_REJECTED naming the rule when the last attempt was refused by the guard', async () => {
    const model = new ScriptedLanguageModel([], '<sql>SELECT * FROM sales WHERE</sql>');
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off', SWITCHYARD_MAX_SQL_ATTEMPTS: '3' } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', source: 'sales' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'SWY_ERR_SQL_REJECTED', details: { rule: 'parse-error' } });
    expect(response.json().error.details.attempts).toHaveLength(3);
    // The routing candidates come with the error too, as with an answer.
    expect(response.json().error.details.routing.candidates[0]).toMatchObject({ source: 'sales' });
  });

  it('still ends with 502 SWY_ERR_REPAIR_EXHAUSTED when the database kept refusing the SQL', async () => {
    const model = new ScriptedLanguageModel([], '<sql>SELECT no_such_column FROM sales</sql>');
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off', SWITCHYARD_MAX_SQL_ATTEMPTS: '2' } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', source: 'sales' } });
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('SWY_ERR_REPAIR_EXHAUSTED');
  });
});
