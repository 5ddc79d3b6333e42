import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { GenerateOptions } from '../../src/llm/language-model.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const tokenBudget = 2000;
const chunkTokens = 1200;

function promptText(options: GenerateOptions): string {
  return options.messages.map((message) => message.content).join('\n');
}

describe('explaining a result larger than the token budget', () => {
  let app: FastifyInstance;
  afterAll(async () => app?.close());

  it('answers per chunk under the budget and merges the partial answers', async () => {
    let partials = 0;
    const model = new ScriptedLanguageModel(['<sql>SELECT userid, firstname, lastname, city FROM users ORDER BY userid</sql>'], (options) => {
      const text = promptText(options);
      if (text.includes('Partial answer 1:')) return 'Merged: 400 users listed.';
      partials += 1;
      return `Partial ${partials}: some users.`;
    });
    app = await buildTestApp({
      languageModel: model,
      environment: { SWITCHYARD_EXPLAIN_TOKEN_BUDGET: String(tokenBudget), SWITCHYARD_EXPLAIN_CHUNK_TOKENS: String(chunkTokens) },
    });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'List the users', source: 'sales', maxRows: 400 } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.rowCount).toBe(400);
    expect(body.answer).toBe('Merged: 400 users listed.');

    const explainCalls = model.calls.slice(1);
    const chunkCalls = explainCalls.filter((call) => promptText(call).includes('Part '));
    const mergeCalls = explainCalls.filter((call) => promptText(call).includes('Partial answer 1:'));
    expect(chunkCalls.length).toBeGreaterThan(1);
    expect(mergeCalls.length).toBeGreaterThanOrEqual(1);
    expect(chunkCalls.length + mergeCalls.length).toBe(explainCalls.length);
    expect(body.usage.llmCalls).toBe(model.calls.length);

    // No call exceeds the budget, counted with the service's own tokenizer.
    for (const call of explainCalls) {
      const tokens = call.messages.reduce((total, message) => total + app.llm.countTokens(message.content), 0);
      expect(tokens).toBeLessThanOrEqual(tokenBudget);
    }
    // Every row reached exactly one chunk: nothing was silently dropped.
    const chunkText = chunkCalls.map(promptText).join('\n');
    for (const [userid] of body.rows as [number][]) expect(chunkText).toMatch(new RegExp(`\\n${userid},`));
    // The final merge saw every partial answer.
    const lastMerge = promptText(mergeCalls.at(-1) as GenerateOptions);
    expect(lastMerge).toContain('Partial answer 2:');
  });

  it('explains a small result in a single call', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT COUNT(*) AS n FROM users</sql>', 'Plenty of users.']);
    await app?.close();
    app = await buildTestApp({ languageModel: model });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many users?', source: 'sales' } });
    expect(response.json().answer).toBe('Plenty of users.');
    expect(model.calls).toHaveLength(2);
  });
});
