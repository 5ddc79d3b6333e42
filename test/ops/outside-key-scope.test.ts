import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { apiKeyFor, isSqlPrompt } from './ops-test-support.js';

const salesOnly = apiKeyFor('sales-team', ['sales']);
const everything = apiKeyFor('data-team', '*');

describe('a scoped key asking what only another source holds', () => {
  let app: FastifyInstance;
  // A model confined to sales writes SQL for the tables it was shown, whatever the question.
  const model = new ScriptedLanguageModel([], (options) => (isSqlPrompt(options) ? '<sql>SELECT COUNT(*) AS n FROM sales</sql>' : 'Counted.'));

  beforeAll(async () => {
    app = await buildTestApp({
      languageModel: model,
      environment: { SWITCHYARD_API_KEYS: JSON.stringify([salesOnly.entry, everything.entry]), SWITCHYARD_CACHE: 'off' },
    });
  });
  afterAll(async () => app?.close());

  const ask = (question: string, key: string) =>
    app.inject({ method: 'POST', url: '/query', payload: { question }, headers: { authorization: `Bearer ${key}` } });

  it('is told plainly that none of its sources holds this, without naming the source that does, before any model call', async () => {
    model.calls.length = 0;
    for (const question of ['What is the average salary by department?', 'Which department has the most managers?']) {
      const response = await ask(question, salesOnly.key);
      expect(response.statusCode).toBe(403);
      const error = response.json().error as { code: string; message: string; details?: Record<string, unknown> };
      expect(error.code).toBe('SWY_ERR_OUTSIDE_KEY_SCOPE');
      expect(error.message).toContain('None of the sources this API key may use holds what this question asks about');
      expect(JSON.stringify(error)).not.toMatch(/\bhr\b|employees|salar(y|ies) table/i);
    }
    expect(model.calls).toHaveLength(0);
  });

  it('still answers what its own sources hold, and a key for every source is never refused so', async () => {
    expect((await ask('How many tickets were sold in March?', salesOnly.key)).statusCode).toBe(200);
    model.calls.length = 0;
    const unrestricted = await ask('Which department has the most managers?', everything.key);
    expect(unrestricted.statusCode).not.toBe(403);
    // The scope check let it through: the question reached the model.
    expect(model.calls.length).toBeGreaterThan(0);
  });
});
