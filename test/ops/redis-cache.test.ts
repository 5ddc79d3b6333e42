import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MemoryCacheStore } from '../../src/cache/memory-cache-store.js';
import { RedisCacheStore } from '../../src/cache/redis-cache-store.js';
import { closedPort } from '../connectors/closed-port.js';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';
import { followUpModel, promptAwareModel } from './ops-test-support.js';

const redis = await probeService('redis');

function recordingLogger() {
  const warnings: { object: object; message?: string }[] = [];
  return { warnings, warn: (object: object, message?: string) => warnings.push({ object, message }), info: () => undefined };
}

describe('Redis down: the memory cache takes over', () => {
  it('serves from memory with one logged warning and never fails a request', async () => {
    const port = await closedPort();
    const logger = recordingLogger();
    const store = new RedisCacheStore(`redis://127.0.0.1:${port}`, new MemoryCacheStore(10), logger);
    try {
      await store.set('question', 'answer', 60_000);
      expect(await store.get('question')).toBe('answer');
      expect(await store.get('other')).toBeUndefined();
      expect(store.degraded).toBe(true);
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]?.message).toContain('using the in-memory cache');
    } finally {
      await store.close();
    }
  });

  it('answers 200 end to end, the repeat from the memory fallback', async () => {
    const model = followUpModel();
    // The one Redis setting every Redis user reads (cache, rate limit, conversations) points at nothing.
    const app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
    try {
      const first = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } });
      const second = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } });
      const followUp = await app.inject({ method: 'POST', url: '/query', payload: { question: 'and in 2009?', conversationId: first.json().conversationId } });
      expect([first.statusCode, second.statusCode, followUp.statusCode]).toEqual([200, 200, 200]);
      expect([first.json().cache, second.json().cache]).toEqual(['miss', 'hit']);
      expect(app.queryCache?.storeKind).toBe('redis');
      // The conversation started by the first answer lives in the memory fallback: the follow-up continues it.
      expect(followUp.json().standaloneQuestion).toBe('How many sales were there in 2009?');
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(!redis.available)('Redis shared by replicas', () => {
  it('lets a second replica answer from the first one’s cache with zero LLM calls', async () => {
    const question = `How many sales were there (run ${crypto.randomUUID()})?`;
    const environment = { SWITCHYARD_REDIS_URL: 'redis://127.0.0.1:6379' };
    const modelA = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales', 'Answer from A.');
    const modelB = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales', 'Answer from B.');
    const apps: FastifyInstance[] = [await buildTestApp({ languageModel: modelA, environment }), await buildTestApp({ languageModel: modelB, environment })];
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const fromA = (await apps[0]?.inject({ method: 'POST', url: '/query', payload: { question } }))?.json();
      const fromB = (await apps[1]?.inject({ method: 'POST', url: '/query', payload: { question } }))?.json();
      expect(fromA.cache).toBe('miss');
      expect(fromB.cache).toBe('hit');
      expect(fromB.answer).toBe('Answer from A.');
      expect(modelB.calls).toHaveLength(0);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });
});
