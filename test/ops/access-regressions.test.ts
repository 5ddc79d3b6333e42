import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { apiKeyFor, followUpModel, promptText } from './ops-test-support.js';

const alice = apiKeyFor('alice', ['sales']);
const mallory = apiKeyFor('mallory', ['sales']);

describe('access control edge cases', () => {
  let app: FastifyInstance;
  const model = followUpModel();

  beforeAll(async () => {
    app = await buildTestApp({
      languageModel: model,
      environment: { SWITCHYARD_API_KEYS: JSON.stringify([alice.entry, mallory.entry]), SWITCHYARD_CACHE: 'off' },
    });
  });
  afterAll(async () => app?.close());

  it.each(['/q%75ery', '/%73ources', '/c%61talog'])('a percent-encoded path (%s) still needs a key', async (url) => {
    const response = await app.inject({ method: url === '/q%75ery' ? 'POST' : 'GET', url, payload: url === '/q%75ery' ? { question: 'How many sales?' } : undefined });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('SWY_ERR_UNAUTHORIZED');
  });

  it('does not let one key continue another key’s conversation', async () => {
    const headers = (key: string) => ({ authorization: `Bearer ${key}` });
    const first = await app.inject({ method: 'POST', url: '/query', headers: headers(alice.key), payload: { question: 'Secret plan: how many sales in 2008?' } });
    expect(first.statusCode).toBe(200);
    model.calls.length = 0;
    const second = await app.inject({ method: 'POST', url: '/query', headers: headers(mallory.key), payload: { question: 'and in 2009?', conversationId: first.json().conversationId } });
    // Alice's conversation does not exist for Mallory's key: refused as unknown, nothing of it reaches the model or the reply.
    expect(second.statusCode).toBe(404);
    expect(second.json().error.code).toBe('SWY_ERR_CONVERSATION_NOT_FOUND');
    expect(model.calls.map(promptText).join('\n')).not.toContain('Secret plan');
    expect(second.body).not.toContain('Secret plan');
  });

  it('answers 404, not 500, for paths that name built-in object properties', async () => {
    for (const url of ['/web/constructor', '/web/__proto__', '/vendor/constructor']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });
});
