import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';
import { apiKeyFor, followUpModel, promptAwareModel, promptText } from './ops-test-support.js';

const redis = await probeService('redis');

// Two clients whose keys reach exactly the same source: scope alone cannot tell their answers apart.
const alice = apiKeyFor('alice', ['sales']);
const mallory = apiKeyFor('mallory', ['sales']);
const keys = JSON.stringify([alice.entry, mallory.entry]);
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function ask(app: FastifyInstance, key: string, payload: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/query', headers: bearer(key), payload });
  expect(response.statusCode).toBe(200);
  return response.json() as { queryId: string; conversationId: string; cache: string };
}

const download = (app: FastifyInstance, key: string, queryId: string) =>
  app.inject({ method: 'GET', url: `/query/${queryId}/rows.csv`, headers: bearer(key) });

/** The 404 a client gets for an id that never existed, with the id itself taken out. */
async function unknownIdError(app: FastifyInstance, key: string) {
  const response = await download(app, key, crypto.randomUUID());
  expect(response.statusCode).toBe(404);
  return withoutQueryId(response.json());
}

function withoutQueryId(body: { error: { details?: Record<string, unknown> } }) {
  const { queryId: _queryId, ...details } = body.error.details ?? {};
  return { ...body, error: { ...body.error, details } };
}

describe('rows.csv belongs to the client that asked', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers 404 to another key allowed the same source, exactly as for an unknown id, and 200 to the owner', async () => {
    const model = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales');
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_API_KEYS: keys, SWITCHYARD_CACHE: 'off' } });
    const { queryId } = await ask(app, alice.key, { question: 'How many sales?' });

    const foreign = await download(app, mallory.key, queryId);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toMatch(/^n\r?$/mu);
    expect(withoutQueryId(foreign.json())).toEqual(await unknownIdError(app, mallory.key));

    const own = await download(app, alice.key, queryId);
    expect(own.statusCode).toBe(200);
    expect(own.body.split('\n')[0]).toBe('n');
  });

  it('binds a cache hit’s download to the client the hit answered', async () => {
    const model = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales');
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_API_KEYS: keys } });
    const first = await ask(app, alice.key, { question: 'How many sales are there?' });
    // Same scope, same question: Mallory is answered from Alice's cache entry, with a download of her own.
    const hit = await ask(app, mallory.key, { question: 'How many sales are there?' });
    expect([first.cache, hit.cache]).toEqual(['miss', 'hit']);

    expect((await download(app, alice.key, hit.queryId)).statusCode).toBe(404);
    expect((await download(app, mallory.key, first.queryId)).statusCode).toBe(404);
    const own = await download(app, mallory.key, hit.queryId);
    expect(own.statusCode).toBe(200);
    expect(own.body.split('\n')[0]).toBe('n');
    expect((await download(app, alice.key, first.queryId)).statusCode).toBe(200);
  });
});

describe.skipIf(!redis.available)('conversations kept in Redis belong to the client that asked', () => {
  it('lets the owner continue on another replica and never shows the turn to another key', async () => {
    const model = followUpModel();
    const environment = { SWITCHYARD_API_KEYS: keys, SWITCHYARD_REDIS_URL: 'redis://127.0.0.1:6379', SWITCHYARD_CACHE: 'off' };
    const replicas = [await buildTestApp({ languageModel: model, environment }), await buildTestApp({ languageModel: model, environment })];
    const [first, second] = replicas as [FastifyInstance, FastifyInstance];
    try {
      const { conversationId } = await ask(first, alice.key, { question: 'Secret plan: how many sales in 2008?' });

      model.calls.length = 0;
      const foreign = await second.inject({ method: 'POST', url: '/query', headers: bearer(mallory.key), payload: { question: 'and in 2009?', conversationId } });
      // Alice's conversation does not exist for Mallory's key.
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error.code).toBe('SWY_ERR_CONVERSATION_NOT_FOUND');
      expect(model.calls.map(promptText).join('\n')).not.toContain('Secret plan');
      expect(foreign.body).not.toContain('Secret plan');

      // The owner's turn did reach Redis: the owner continues it from the other replica.
      model.calls.length = 0;
      await ask(second, alice.key, { question: 'and in 2009?', conversationId });
      expect(model.calls.map(promptText).join('\n')).toContain('Secret plan');
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});
