import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';
import { GatedLanguageModel, apiKeyFor, promptAwareModel } from './ops-test-support.js';
import { createPostgresFixture, type PostgresFixture } from './postgres-fixture.js';

const postgres = await probeService('postgres');

describe('generated-SQL and result cache (memory)', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers a repeated question from the cache with zero LLM calls and the same answer', async () => {
    const model = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales', 'There are many sales.');
    app = await buildTestApp({ languageModel: model });
    const first = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales are there?' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().cache).toBe('miss');
    const callsAfterFirst = model.calls.length;
    expect(callsAfterFirst).toBe(3);

    // Same question, different case and spacing: one normalised key.
    const second = await app.inject({ method: 'POST', url: '/query', payload: { question: '  how many   SALES are there ' } });
    expect(second.statusCode).toBe(200);
    const [before, after] = [first.json(), second.json()];
    expect(after.cache).toBe('hit');
    expect(model.calls).toHaveLength(callsAfterFirst);
    expect(after.usage).toEqual({ llmCalls: 0, promptTokens: 0, completionTokens: 0 });
    expect(after.answer).toBe(before.answer);
    expect(after.sql).toBe(before.sql);
    expect(after.rows).toEqual(before.rows);
    expect(after.source).toBe('sales');
    // A hit is a turn of its own: a new conversation to follow up on and its own full download.
    expect(after.conversationId).toEqual(expect.any(String));
    expect(after.conversationId).not.toBe(before.conversationId);
    expect(after.queryId).toEqual(expect.any(String));
    expect(after.queryId).not.toBe(before.queryId);
    const download = await app.inject({ method: 'GET', url: `/query/${after.queryId}/rows.csv` });
    expect(download.statusCode).toBe(200);
    expect(download.body.split('\n')[0]).toBe('n');
  });

  it('lets identical questions arriving together share one answer (one set of LLM calls)', async () => {
    const model = new GatedLanguageModel('sql', 'Shared answer.');
    app = await buildTestApp({ languageModel: model });
    const server = app;
    const ask = () => server.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } });
    const leader = ask();
    await model.waiting;
    const follower = ask();
    await new Promise((resolve) => setTimeout(resolve, 20));
    model.release();
    const [first, second] = [(await leader).json(), (await follower).json()];
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.conversationId).toEqual(expect.any(String));
    expect(second.conversationId).not.toBe(first.conversationId);
    expect(second.answer).toBe('Shared answer.');
    expect(second.usage.llmCalls).toBe(0);
    expect(model.calls).toHaveLength(3);
  });

  it('keys on the request: another source, row cap, explain flag or client scope is a miss', async () => {
    const salesOnly = apiKeyFor('sales-team', ['sales']);
    const everything = apiKeyFor('data-team', '*');
    const model = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales');
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_API_KEYS: JSON.stringify([salesOnly.entry, everything.entry]) } });
    const ask = async (payload: Record<string, unknown>, key: string) =>
      (await (app as FastifyInstance).inject({ method: 'POST', url: '/query', payload, headers: { authorization: `Bearer ${key}` } })).json().cache;
    expect(await ask({ question: 'How many sales?' }, salesOnly.key)).toBe('miss');
    expect(await ask({ question: 'How many sales?' }, salesOnly.key)).toBe('hit');
    expect(await ask({ question: 'How many sales?' }, everything.key)).toBe('miss');
    expect(await ask({ question: 'How many sales?', maxRows: 5 }, salesOnly.key)).toBe('miss');
    expect(await ask({ question: 'How many sales?', explain: false }, salesOnly.key)).toBe('miss');
    expect(await ask({ question: 'How many sales?', source: 'sales' }, salesOnly.key)).toBe('miss');
    expect(await ask({ question: 'How many sales?', explain: false }, salesOnly.key)).toBe('hit');
  });

  it('does not cache results of a source whose result TTL is 0, nor dry runs, nor when turned off', async () => {
    const model = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales');
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE: '{"sales": 0}' } });
    for (let round = 0; round < 2; round += 1) {
      expect((await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } })).json().cache).toBe('miss');
      expect((await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', dryRun: true } })).json().cache).toBe('miss');
    }
    await app.close();
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off' } });
    await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } });
    expect((await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } })).json().cache).toBe('miss');
  });
});

describe.skipIf(!postgres.available)('cache invalidation on catalog refresh (PostgreSQL source)', () => {
  let fixture: PostgresFixture;
  let app: FastifyInstance;
  const model = promptAwareModel({ source: 'warehouse', tables: ['orders'] }, 'SELECT SUM(amount) AS total FROM orders', 'The total is 60.');

  beforeAll(async () => {
    fixture = await createPostgresFixture();
    app = await buildTestApp({ languageModel: model, catalogDirectory: fixture.catalogDirectory });
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.dispose();
  });

  it('keeps serving hits across a refresh that changes nothing, and misses after one that changes the catalog', async () => {
    const ask = async () => (await app.inject({ method: 'POST', url: '/query', payload: { question: 'What is the order total?' } })).json();
    expect((await ask()).cache).toBe('miss');
    expect((await ask()).cache).toBe('hit');
    const version = app.catalog.snapshot.version;

    await app.catalog.refresh();
    expect(app.catalog.snapshot.version).toBe(version);
    expect((await ask()).cache).toBe('hit');

    await fixture.query('ALTER TABLE orders ADD COLUMN note text');
    await app.catalog.refresh();
    expect(app.catalog.snapshot.version).not.toBe(version);
    const calls = model.calls.length;
    const afterChange = await ask();
    expect(afterChange.cache).toBe('miss');
    expect(model.calls.length).toBeGreaterThan(calls);
    expect(afterChange.rows).toEqual([[60]]);
  });
});
