import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { BoundedTtlCache } from '../../src/cache/bounded-ttl-cache.js';
import { Redis } from 'ioredis';
import { createConversationStore } from '../../src/conversation/conversation-store.js';
import { probeService } from '../helpers/services.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';
import { followUpModel, promptText } from '../ops/ops-test-support.js';

describe('BoundedTtlCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new BoundedTtlCache<number>({ capacity: 2, ttlMs: 60_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('forgets entries after their time to live', () => {
    let now = 1_000;
    const cache = new BoundedTtlCache<string>({ capacity: 10, ttlMs: 500, now: () => now });
    cache.set('x', 'kept');
    now += 499;
    expect(cache.get('x')).toBe('kept');
    now += 501;
    expect(cache.get('x')).toBeUndefined();
  });
});

describe('follow-up questions in a conversation', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('rewrites the follow-up with the previous question and SQL, returns it, and offers the previous SQL to the SQL prompt', async () => {
    const firstSql = 'SELECT SUM(qtysold) AS tickets FROM sales WHERE EXTRACT(YEAR FROM saletime) = 2008';
    const model = new ScriptedLanguageModel([
      `<sql>${firstSql}</sql>`,
      'Many tickets in 2008.',
      // Follow-up: the rewrite, then SQL, then the explanation.
      'How many tickets were sold in 2009?',
      '<sql>SELECT SUM(qtysold) AS tickets FROM sales WHERE EXTRACT(YEAR FROM saletime) = 2009</sql>',
      'None in 2009.',
    ]);
    app = await buildTestApp({ languageModel: model });
    const first = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many tickets were sold in 2008?', source: 'sales' } })).json();
    expect(first.standaloneQuestion).toBe('How many tickets were sold in 2008?');

    const followUp = await app.inject({
      method: 'POST',
      url: '/query',
      payload: { question: 'and in 2009?', source: 'sales', conversationId: first.conversationId },
    });
    expect(followUp.statusCode).toBe(200);
    const body = followUp.json();
    expect(body.conversationId).toBe(first.conversationId);
    expect(body.standaloneQuestion).toBe('How many tickets were sold in 2009?');

    const rewritePrompt = model.promptOf(2);
    expect(rewritePrompt).toContain('How many tickets were sold in 2008?');
    expect(rewritePrompt).toContain(firstSql);
    expect(rewritePrompt).toContain('and in 2009?');
    const sqlPrompt = model.promptOf(3);
    expect(sqlPrompt).toContain('How many tickets were sold in 2009?');
    expect(sqlPrompt).toContain('follows up an earlier one');
    expect(sqlPrompt).toContain(firstSql);
    expect(body.usage.llmCalls).toBe(3);
  });

  it('answers a standalone question in a conversation as one: no rewrite call, no previous SQL, same conversation', async () => {
    const firstSql = 'SELECT SUM(qtysold) AS tickets FROM sales WHERE EXTRACT(YEAR FROM saletime) = 2008';
    const model = new ScriptedLanguageModel([
      `<sql>${firstSql}</sql>`,
      'Many tickets in 2008.',
      // The standalone question: SQL and explanation only.
      '<sql>SELECT COUNT(DISTINCT buyerid) AS buyers FROM sales</sql>',
      'Some buyers.',
      // A follow-up of the standalone question: rewrite, SQL, explanation.
      'How many distinct buyers bought tickets in 2009?',
      '<sql>SELECT COUNT(DISTINCT buyerid) AS buyers FROM sales WHERE EXTRACT(YEAR FROM saletime) = 2009</sql>',
      'None.',
    ]);
    app = await buildTestApp({ languageModel: model });
    const first = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many tickets were sold in 2008?', source: 'sales' } })).json();
    const standalone = await app.inject({
      method: 'POST',
      url: '/query',
      payload: { question: 'How many distinct buyers bought tickets?', source: 'sales', conversationId: first.conversationId },
    });
    expect(standalone.statusCode).toBe(200);
    expect(standalone.json()).toMatchObject({ conversationId: first.conversationId, standaloneQuestion: 'How many distinct buyers bought tickets?' });
    expect(standalone.json().usage.llmCalls).toBe(2);
    // The 2008 filter of the previous turn does not reach the SQL prompt of an unrelated question.
    expect(model.promptOf(2)).not.toContain(firstSql);
    expect(model.promptOf(2)).not.toContain('follows up an earlier one');

    // The conversation now continues from the standalone question.
    const followUp = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'and in 2009?', source: 'sales', conversationId: first.conversationId } })).json();
    expect(followUp.standaloneQuestion).toBe('How many distinct buyers bought tickets in 2009?');
    expect(model.promptOf(4)).toContain('How many distinct buyers bought tickets?');
    expect(model.promptOf(4)).not.toContain('How many tickets were sold in 2008?');
  });

  it('answers a standalone question in a conversation from the cache, and continues the conversation from it', async () => {
    const model = followUpModel();
    app = await buildTestApp({ languageModel: model });
    const asked = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales are there?' } })).json();
    expect(asked.cache).toBe('miss');
    const other = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many tickets were sold in 2008?' } })).json();
    const callsBefore = model.calls.length;
    const repeated = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales are there?', conversationId: other.conversationId } })).json();
    expect(repeated).toMatchObject({ cache: 'hit', conversationId: other.conversationId, usage: { llmCalls: 0 } });
    expect(model.calls).toHaveLength(callsBefore);
    // A follow-up is never answered from the cache: it pays for the rewrite, made from the hit's question.
    const followUp = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'and in 2009?', conversationId: other.conversationId } })).json();
    expect(followUp.cache).toBe('miss');
    const rewritePrompt = promptText(model.calls[callsBefore]!);
    expect(rewritePrompt).toContain('and in 2009?');
    expect(rewritePrompt).toContain('How many sales are there?');
  });

  it.each([
    ['a standalone question', 'How many sales are there?'],
    ['a follow-up', 'and in 2009?'],
  ])('refuses an unknown conversation id with its own code, for %s, without calling the model or the cache', async (_kind, question) => {
    const model = followUpModel();
    app = await buildTestApp({ languageModel: model });
    // Cached first, so a cache hit cannot hide the unknown id.
    expect((await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales are there?' } })).statusCode).toBe(200);
    const callsBefore = model.calls.length;
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question, conversationId: 'never-issued' } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'SWY_ERR_CONVERSATION_NOT_FOUND', details: { conversationId: 'never-issued' } });
    expect(response.json().error.message).toContain('without conversationId');
    expect(model.calls).toHaveLength(callsBefore);
  });

  it('refuses a conversation id whose conversation has expired', async () => {
    const model = followUpModel();
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CONVERSATION_TTL_SECONDS: '1' } });
    const first = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales are there?' } })).json();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const late = await app.inject({ method: 'POST', url: '/query', payload: { question: 'and in 2009?', conversationId: first.conversationId } });
    expect(late.statusCode).toBe(404);
    expect(late.json().error.code).toBe('SWY_ERR_CONVERSATION_NOT_FOUND');
  });

  it('streams the same refusal as an error event', async () => {
    app = await buildTestApp({ languageModel: followUpModel() });
    const response = await app.inject({ method: 'POST', url: '/query/stream', payload: { question: 'and in 2009?', conversationId: 'never-issued' } });
    expect(response.body).toContain('event: error');
    expect(response.body).toContain('SWY_ERR_CONVERSATION_NOT_FOUND');
  });

  it('rejects a malformed conversation id', async () => {
    app = await buildTestApp({ languageModel: new ScriptedLanguageModel([]) });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'x', conversationId: 'has spaces/and slashes' } });
    expect(response.statusCode).toBe(400);
  });
});

describe('conversation stores', () => {
  const warnings: string[] = [];
  const silentLogger = { warn: (_object: object, message?: string) => warnings.push(message ?? ''), info: () => undefined };
  const turn = { question: 'Sales in 2008?', source: 'sales', sql: 'SELECT 1' };

  it('memory store keeps the last turn per conversation', async () => {
    const store = createConversationStore({ capacity: 5, ttlSeconds: 60 }, silentLogger);
    await store.saveTurn('c1', turn);
    await store.saveTurn('c1', { ...turn, question: 'and 2009?' });
    expect(await store.lastTurn('c1')).toMatchObject({ question: 'and 2009?' });
    expect(await store.lastTurn('c2')).toBeUndefined();
  });

  it('redis store round-trips a turn with a TTL', async (context) => {
    if (!(await probeService('redis')).available) {
      context.skip();
      return;
    }
    const prefix = `switchyard:test:${randomUUID()}:`;
    const store = createConversationStore({ capacity: 5, ttlSeconds: 30, redisUrl: 'redis://127.0.0.1:6379' }, silentLogger, prefix);
    await new Promise((resolve) => setTimeout(resolve, 200));
    try {
      await store.saveTurn('c1', turn);
      expect(await store.lastTurn('c1')).toEqual(turn);
      expect(await store.lastTurn('missing')).toBeUndefined();
      // The turn really lives in Redis, with its time to live, not in the memory fallback.
      const direct = new Redis('redis://127.0.0.1:6379');
      try {
        expect(JSON.parse((await direct.get(`${prefix}c1`)) ?? 'null')).toEqual(turn);
        expect(await direct.pttl(`${prefix}c1`)).toBeGreaterThan(0);
      } finally {
        direct.disconnect();
      }
    } finally {
      await store.close();
    }
  });

  it('keeps answering follow-ups from memory while Redis is unreachable', async () => {
    const store = createConversationStore({ capacity: 5, ttlSeconds: 30, redisUrl: 'redis://127.0.0.1:1' }, silentLogger);
    try {
      await store.saveTurn('c1', turn);
      expect(await store.lastTurn('c1')).toEqual(turn);
      expect(warnings.some((message) => message.includes('unreachable'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
