import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const routeToSales = '{"source": "sales", "tables": ["sales"]}';

describe('query pipeline on the demo data with a scripted model', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function ask(model: ScriptedLanguageModel, payload: Record<string, unknown>, environment: Record<string, string> = {}) {
    app = await buildTestApp({ languageModel: model, environment });
    return app.inject({ method: 'POST', url: '/query', payload });
  }

  it('routes, generates, guards, executes and explains', async () => {
    const model = new ScriptedLanguageModel([
      routeToSales,
      'Here it is:\n<sql>SELECT COUNT(*) AS total_sales FROM sales</sql>',
      'There are many ticket sales.',
    ]);
    const response = await ask(model, { question: 'How many ticket sales are there?' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.source).toBe('sales');
    expect(body.tables).toEqual(['sales']);
    expect(body.columns).toEqual([{ name: 'total_sales', type: expect.any(String) }]);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0][0]).toBeGreaterThan(100_000);
    expect(body.rowCount).toBe(1);
    expect(body.truncated).toBe(false);
    expect(body.sql).toMatch(/^SELECT COUNT\(\*\) AS total_sales FROM sales/);
    expect(body.attempts).toEqual([{ sql: body.sql }]);
    expect(body.answer).toBe('There are many ticket sales.');
    expect(body.usage.llmCalls).toBe(3);
    expect(body.usage.promptTokens).toBeGreaterThan(0);
    expect(body.guard).toMatchObject({ verdict: 'allowed' });
    for (const key of ['routeMs', 'generateMs', 'guardMs', 'executeMs', 'explainMs', 'llmMs', 'totalMs']) expect(body.timings[key]).toBeGreaterThanOrEqual(0);

    // Chain 1 saw every source; chain 2 saw only the chosen table, its sample rows, dialect notes and examples.
    const routePrompt = model.promptOf(0);
    for (const source of ['sales', 'hr', 'legal', 'finance', 'product']) expect(routePrompt).toContain(`source: ${source}`);
    const generatePrompt = model.promptOf(1);
    expect(generatePrompt).toContain('CREATE TABLE "sales"');
    expect(generatePrompt).not.toContain('CREATE TABLE "users"');
    expect(generatePrompt).toMatch(/example rows from sales/);
    expect(generatePrompt).toContain('DuckDB');
    expect(generatePrompt).toContain('Examples of questions');
    // The explanation saw the rows as data.
    expect(model.promptOf(2)).toContain(`total_sales\n${body.rows[0][0]}`);
  });

  it('skips routing when the source is given', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT COUNT(*) AS n FROM employees</sql>', 'Some employees.']);
    const response = await ask(model, { question: 'How many employees?', source: 'hr' });
    expect(response.statusCode).toBe(200);
    expect(response.json().source).toBe('hr');
    expect(model.calls).toHaveLength(2);
    expect(model.promptOf(0)).toContain('CREATE TABLE "employees"');
  });

  it('repairs SQL from the engine error and reports every attempt', async () => {
    const model = new ScriptedLanguageModel([
      routeToSales,
      '<sql>SELECT SUM(comission) AS total_commission FROM sales</sql>',
      '<thinking>The column is commission.</thinking><sql>SELECT SUM(commission) AS total_commission FROM sales</sql>',
      'The total commission is known.',
    ]);
    const response = await ask(model, { question: 'What was the total commission?' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].sql).toContain('comission');
    expect(body.attempts[0].error).toMatch(/comission/);
    expect(body.attempts[1]).toEqual({ sql: body.sql });
    // The repair prompt carried the failed SQL and DuckDB's own error text.
    const repairPrompt = model.promptOf(2);
    expect(repairPrompt).toContain('SUM(comission)');
    expect(repairPrompt).toContain(body.attempts[0].error);
    expect(body.rows[0][0]).toBeGreaterThan(0);
  });

  it('gives up with a clean error after five failed attempts', async () => {
    const model = new ScriptedLanguageModel([routeToSales], '<sql>SELECT no_such_column FROM sales</sql>');
    const response = await ask(model, { question: 'Anything?' });
    expect(response.statusCode).toBe(502);
    const error = response.json().error;
    expect(error.code).toBe('SWY_ERR_REPAIR_EXHAUSTED');
    expect(error.details.attempts).toHaveLength(5);
    expect(error.details.attempts.every((attempt: { error?: string }) => attempt.error?.includes('no_such_column'))).toBe(true);
    expect(model.calls).toHaveLength(6);
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('honours a configured attempt limit', async () => {
    const model = new ScriptedLanguageModel([routeToSales], '<sql>SELECT nope FROM sales</sql>');
    const response = await ask(model, { question: 'Anything?' }, { SWITCHYARD_MAX_SQL_ATTEMPTS: '2' });
    expect(response.json().error.details.attempts).toHaveLength(2);
  });

  it('rejects SQL that is not read-only with 422 and the reason, and runs nothing', async () => {
    const model = new ScriptedLanguageModel([routeToSales, '<sql>DELETE FROM sales</sql>']);
    const response = await ask(model, { question: 'Remove all sales' });
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('SWY_ERR_SQL_REJECTED');
    expect(error.details.reason).toBeTruthy();
    expect(model.calls).toHaveLength(2);
    const count = await app!.inject({ method: 'GET', url: '/ready' });
    expect(count.statusCode).toBe(200);
  });

  it('dry run routes and generates but does not execute or explain', async () => {
    const model = new ScriptedLanguageModel([routeToSales, '<sql>SELECT COUNT(*) FROM sales</sql>']);
    const response = await ask(model, { question: 'How many sales?', dryRun: true });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.sql).toMatch(/SELECT COUNT\(\*\) FROM sales/);
    expect(body.rows).toEqual([]);
    expect(body.answer).toBeNull();
    expect(body.timings.executeMs).toBe(0);
    expect(model.calls).toHaveLength(2);
  });

  it('caps rows at maxRows, marks truncation and skips explanation when asked', async () => {
    const model = new ScriptedLanguageModel([routeToSales, '<sql>SELECT salesid FROM sales ORDER BY salesid</sql>']);
    const response = await ask(model, { question: 'List sales', maxRows: 5, explain: false });
    const body = response.json();
    expect(body.rows).toEqual([[1], [2], [3], [4], [5]]);
    expect(body.truncated).toBe(true);
    expect(body.sql).toMatch(/LIMIT/i);
    expect(body.answer).toBeNull();
    expect(model.calls).toHaveLength(2);
  });

  it('gives the router one chance to fix an unknown table', async () => {
    const model = new ScriptedLanguageModel([
      '{"source": "sales", "tables": ["tickets"]}',
      '{"source": "sales", "tables": ["sales", "users"]}',
      '<sql>SELECT COUNT(*) AS n FROM sales</sql>',
      'Done.',
    ]);
    const response = await ask(model, { question: 'How many sales?' });
    expect(response.statusCode).toBe(200);
    expect([...response.json().tables].sort()).toEqual(['sales', 'users']);
    expect(model.promptOf(1)).toContain('has no table "tickets"');
  });

  it('fails with a stable code when the router answers nonsense twice', async () => {
    const model = new ScriptedLanguageModel(['I think sales.', '{"source": "crm", "tables": ["x"]}']);
    const response = await ask(model, { question: 'How many sales?' });
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('SWY_ERR_LLM_BAD_OUTPUT');
  });

  it('maps a model failure after retries to 502 and never leaks internals', async () => {
    const failing = new ScriptedLanguageModel([new SwitchyardError('SWY_ERR_LLM_FAILED', 'The model server answered 500 three times', { details: { provider: 'openai', attempts: 3 } })]);
    const failed = await ask(failing, { question: 'How many sales?' });
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('SWY_ERR_LLM_FAILED');
    await app?.close();

    const crashing = new ScriptedLanguageModel([new Error('secret internals at /srv/app.ts:12')]);
    const crashed = await ask(crashing, { question: 'How many sales?' });
    expect(crashed.statusCode).toBe(500);
    expect(crashed.json()).toEqual({ error: { code: 'SWY_ERR_INTERNAL', message: 'Internal error' } });
  });
});
