import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { cutAnswerNote } from '../../src/pipeline/explain-stage.js';
import { chatCompletionReply, FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

// Cut at the default limit of 1024 output tokens, in the middle of a string literal.
const cutInString = { text: "<sql>SELECT emp_no FROM employees WHERE first_name = 'Georg", finishReason: 'length' as const };
// Cut before its filter: this one parses, and would count every employee instead of the Georgis.
const cutBeforeFilter = { text: '<sql>SELECT COUNT(*) AS n FROM employees', finishReason: 'length' as const };
const whole = "<sql>SELECT COUNT(*) AS n FROM employees WHERE first_name = 'Georgi'</sql>";
const question = { question: 'How many employees are called Georgi?', source: 'hr' };

describe('SQL replies cut at the output limit', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function ask(model: ScriptedLanguageModel, environment: Record<string, string> = {}) {
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off', ...environment } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: question });
    return { status: response.statusCode, body: response.json() };
  }

  it.each([
    ['in a string literal', cutInString],
    ['before its WHERE clause, where the cut SQL still parses', cutBeforeFilter],
  ])('never runs SQL cut %s: it asks again with twice the output budget and runs the whole reply', async (_shape, cut) => {
    const model = new ScriptedLanguageModel([cut, whole, 'Some employees are called Georgi.']);
    const { status, body } = await ask(model);
    expect(status).toBe(200);
    expect(body.sql).toContain("first_name = 'Georgi'");
    // The attempts list is every statement that reached the guard and the database: only the whole one.
    expect(body.attempts).toEqual([{ sql: body.sql }]);
    expect(model.calls.map((call) => call.maxOutputTokens)).toEqual([1024, 2048, 1024]);
    expect(model.promptOf(1)).toBe(model.promptOf(0));
  });

  it('runs a closed <sql> whose trailing prose the limit cut, without asking again', async () => {
    const closedThenCut = { text: `${whole}\nThis query counts the employees whose first name is Geo`, finishReason: 'length' as const };
    const model = new ScriptedLanguageModel([closedThenCut, 'Some employees are called Georgi.']);
    const { status, body } = await ask(model);
    expect(status).toBe(200);
    expect(body.attempts).toEqual([{ sql: body.sql }]);
    expect(model.calls.map((call) => call.maxOutputTokens)).toEqual([1024, 1024]);
  });

  it('counts a reply cut again after the re-ask as a failed attempt, and fails with the reason when every reply is cut', async () => {
    const model = new ScriptedLanguageModel([], cutBeforeFilter);
    const { status, body } = await ask(model, { SWITCHYARD_MAX_SQL_ATTEMPTS: '2', SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING: '1500' });
    expect(status).toBe(502);
    expect(body.error.code).toBe('SWY_ERR_REPAIR_EXHAUSTED');
    const reason = "The model's reply was cut at the 1500-token output limit; nothing from it was run.";
    expect(body.error.message).toContain(reason);
    expect(body.error.details.attempts).toEqual([
      { sql: '', error: reason },
      { sql: '', error: reason },
    ]);
    // Two attempts, each asked twice: the budget grows once per attempt, to at most the ceiling.
    expect(model.calls.map((call) => call.maxOutputTokens)).toEqual([1024, 1500, 1024, 1500]);
    // The repair turn tells the model why its reply was not used.
    expect(model.promptOf(2)).toContain(reason);
  });

  it('bounds the re-ask by SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING; at the default limit there is none, and the repair turn answers', async () => {
    const model = new ScriptedLanguageModel([cutBeforeFilter, whole, 'Some employees are called Georgi.']);
    const { status, body } = await ask(model, { SWITCHYARD_LLM_OUTPUT_TOKEN_CEILING: '1024' });
    expect(status).toBe(200);
    expect(body.attempts).toEqual([
      { sql: '', error: "The model's reply was cut at the 1024-token output limit; nothing from it was run." },
      { sql: body.sql },
    ]);
    expect(model.calls.map((call) => call.maxOutputTokens)).toEqual([1024, 1024, 1024]);
  });

  it('never sends a REST request planned in a reply cut at the output limit', async () => {
    const cutPlan = { text: '{"operation": "listProducts", "parameters": {"category": "outdoor"}}\nThis lists the outdoor products; to sort them by', finishReason: 'length' as const };
    const plan = '<request>{"operation": "listProducts", "parameters": {"category": "outdoor", "sort": "price", "order": "asc", "limit": 3}}</request>';
    const model = new ScriptedLanguageModel([cutPlan, plan, 'The cheapest outdoor product is the Deluxe Trekking Poles.']);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off' } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'The three cheapest outdoor products?', source: 'product' } });
    const body = response.json();
    expect(response.statusCode, JSON.stringify(body)).toBe(200);
    expect(body.attempts).toEqual([{ sql: 'GET /products?category=outdoor&sort=price&order=asc&limit=3' }]);
    expect(model.calls.map((call) => call.maxOutputTokens)).toEqual([1024, 2048, 1024]);
  });

  it('marks an explanation cut at the output limit as incomplete', async () => {
    const model = new ScriptedLanguageModel([whole, { text: 'Several employees are called Georgi, among them', finishReason: 'length' }]);
    const { status, body } = await ask(model);
    expect(status).toBe(200);
    expect(body.answer).toBe(`Several employees are called Georgi, among them\n\n${cutAnswerNote}`);
  });

  it('streams the incomplete-answer note after the cut tokens, and the streamed SQL attempts hold no cut SQL', async () => {
    const model = new ScriptedLanguageModel([cutBeforeFilter, whole, { text: 'Several employees are called Georgi', finishReason: 'length' }]);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off' } });
    const response = await app.inject({ method: 'POST', url: '/query/stream', payload: question });
    const events = response.body
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') }));
    expect(events.filter((event) => event.event === 'sql').map((event) => event.data.sql)).toEqual([expect.stringContaining("'Georgi'")]);
    const tokens = events.filter((event) => event.event === 'token').map((event) => event.data.text as string);
    expect(tokens.join('')).toBe(`Several employees are called Georgi\n\n${cutAnswerNote}`);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { answer: tokens.join('') } });
  });

  it('leaves a whole explanation unmarked', async () => {
    const model = new ScriptedLanguageModel([whole, 'Some employees are called Georgi.']);
    expect((await ask(model)).body.answer).toBe('Some employees are called Georgi.');
  });
});

describe('a reply stopped by the provider content filter (fake OpenAI-compatible server)', () => {
  let llm: FakeOpenAiServer | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await llm?.close();
  });

  it('ends the request with SWY_ERR_LLM_CONTENT_FILTERED and runs nothing', async () => {
    llm = await FakeOpenAiServer.start();
    app = await buildTestApp({
      environment: { SWITCHYARD_LLM: 'openai', OPENAI_BASE_URL: llm.baseUrl, SWITCHYARD_LLM_MODEL: 'fake-model', SWITCHYARD_CACHE: 'off' },
    });
    llm.script(chatCompletionReply("<sql>SELECT COUNT(*) AS n FROM employees WHERE first_name = 'Georgi'</sql>", undefined, 'content_filter'));
    const response = await app.inject({ method: 'POST', url: '/query', payload: question });
    expect(response.statusCode).toBe(502);
    expect(response.json().error).toMatchObject({ code: 'SWY_ERR_LLM_CONTENT_FILTERED', details: { provider: 'openai' } });
    // Not retryable: the same prompt meets the same filter.
    expect(llm.requests).toHaveLength(1);
  });
});
