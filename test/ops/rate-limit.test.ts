import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';
import { apiKeyFor, promptAwareModel, uniqueSuffix } from './ops-test-support.js';

const redis = await probeService('redis');

async function withApps<Result>(count: number, environment: Record<string, string>, work: (apps: FastifyInstance[]) => Promise<Result>): Promise<Result> {
  const model = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales');
  const apps: FastifyInstance[] = [];
  try {
    for (let index = 0; index < count; index += 1) apps.push(await buildTestApp({ languageModel: model, environment }));
    return await work(apps);
  } finally {
    await Promise.all(apps.map((app) => app.close()));
  }
}

const ask = (app: FastifyInstance, key: string) =>
  app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' }, headers: { authorization: `Bearer ${key}` } });

describe('rate limits per API key', () => {
  it('answers 429 with Retry-After once a key spends its budget, while other keys and health checks go on', async () => {
    const first = apiKeyFor(`first-${uniqueSuffix()}`, '*');
    const second = apiKeyFor(`second-${uniqueSuffix()}`, '*');
    const environment = { SWITCHYARD_API_KEYS: JSON.stringify([first.entry, second.entry]), SWITCHYARD_RATE_LIMIT_MAX: '3', SWITCHYARD_RATE_LIMIT_WINDOW_MS: '60000' };
    await withApps(1, environment, async ([app]) => {
      const server = app as FastifyInstance;
      for (let index = 0; index < 3; index += 1) expect((await ask(server, first.key)).statusCode).toBe(200);
      const limited = await ask(server, first.key);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('SWY_ERR_RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await ask(server, second.key)).statusCode).toBe(200);
      for (let index = 0; index < 5; index += 1) expect((await server.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });
  });

  it.skipIf(!redis.available)('shares one budget across replicas through Redis', async () => {
    const shared = apiKeyFor(`replicated-${uniqueSuffix()}`, '*');
    const environment = {
      SWITCHYARD_API_KEYS: JSON.stringify([shared.entry]),
      SWITCHYARD_RATE_LIMIT_MAX: '4',
      SWITCHYARD_RATE_LIMIT_WINDOW_MS: '60000',
      SWITCHYARD_REDIS_URL: 'redis://127.0.0.1:6379',
    };
    await withApps(2, environment, async ([replicaA, replicaB]) => {
      // Wait until both replicas' Redis clients are connected, so the limit is not skipped.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const statuses: number[] = [];
      for (let index = 0; index < 3; index += 1) {
        statuses.push((await ask(replicaA as FastifyInstance, shared.key)).statusCode);
        statuses.push((await ask(replicaB as FastifyInstance, shared.key)).statusCode);
      }
      // 4 allowed in all, counted in Redis: each replica alone would have allowed all 3 of its own.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const limited = await ask(replicaB as FastifyInstance, shared.key);
      expect(limited.headers['retry-after']).toBeDefined();
    });
  });
});
