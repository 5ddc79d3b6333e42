import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { BoundedTtlCache } from '../../src/cache/bounded-ttl-cache.js';
import { Redis } from 'ioredis';
import { createConversationStore } from '../../src/conversation/conversation-store.js';
import { probeService } from '../helpers/services.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

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

  it('treats an unknown conversation id as the start of a conversation', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT COUNT(*) AS n FROM sales</sql>', 'Many.']);
    app = await buildTestApp({ languageModel: model });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', source: 'sales', conversationId: 'fresh-1' } });
    expect(response.json()).toMatchObject({ conversationId: 'fresh-1', standaloneQuestion: 'How many sales?' });
    expect(model.calls).toHaveLength(2);
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
