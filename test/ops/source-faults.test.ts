import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { isSqlPrompt, promptText } from './ops-test-support.js';
import { createPostgresFixture, type PostgresFixture } from './postgres-fixture.js';
import { TcpProxy } from './tcp-proxy.js';

const postgres = await probeService('postgres');

// SQL by the source named in the generation prompt: orders for the warehouse, sales for the demo.
const model = new ScriptedLanguageModel([], (options) => {
  if (!isSqlPrompt(options)) return 'Counted.';
  return promptText(options).includes('CREATE TABLE "orders"') ? '<sql>SELECT COUNT(*) AS n FROM orders</sql>' : '<sql>SELECT COUNT(*) AS n FROM sales</sql>';
});

const faultEnvironment = {
  SWITCHYARD_CACHE: 'off',
  SWITCHYARD_RATE_LIMIT_MAX: '0',
  SWITCHYARD_BREAKER_THRESHOLD: '2',
  SWITCHYARD_BREAKER_HALF_OPEN_MS: '300',
  SWITCHYARD_SOURCE_RETRY_BASE_MS: '10',
};

async function askSource(app: FastifyInstance, source: string) {
  const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many rows?', source } });
  return { status: response.statusCode, body: response.json() };
}

describe.skipIf(!postgres.available)('PostgreSQL refusing connections mid-run (through a stoppable proxy)', () => {
  let proxy: TcpProxy;
  let fixture: PostgresFixture;
  let app: FastifyInstance;

  beforeAll(async () => {
    proxy = await TcpProxy.start(5432);
    fixture = await createPostgresFixture({ port: proxy.port });
    app = await buildTestApp({ languageModel: model, catalogDirectory: fixture.catalogDirectory, environment: faultEnvironment });
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.stop();
    await fixture?.dispose();
  });

  it('fails that source with 502, then short-circuits it with 503, while the other source answers; recovers after the half-open delay', async () => {
    expect(await askSource(app, 'warehouse')).toMatchObject({ status: 200, body: { rows: [[3]] } });

    await proxy.stop();
    const refused = await askSource(app, 'warehouse');
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'SWY_ERR_SOURCE_UNAVAILABLE', details: { source: 'warehouse' } });
    expect(refused.body.error.message).toContain('warehouse');

    // The first question's try and retry both failed: the breaker (threshold 2) is open now.
    const shortCircuited = await askSource(app, 'warehouse');
    expect(shortCircuited.status).toBe(503);
    expect(shortCircuited.body.error).toMatchObject({ code: 'SWY_ERR_SOURCE_CIRCUIT_OPEN', details: { source: 'warehouse' } });
    expect(shortCircuited.body.error.message).toContain('"warehouse"');

    expect(await askSource(app, 'sales')).toMatchObject({ status: 200, body: { source: 'sales' } });

    await proxy.resume();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await askSource(app, 'warehouse')).toMatchObject({ status: 200, body: { rows: [[3]] } });
    expect(await askSource(app, 'warehouse')).toMatchObject({ status: 200 });
  });
});

describe.skipIf(!postgres.available)('a live PostgreSQL connection killed with pg_terminate_backend', () => {
  let fixture: PostgresFixture;
  let app: FastifyInstance;
  let locker: pg.Client;

  beforeAll(async () => {
    fixture = await createPostgresFixture();
    app = await buildTestApp({
      languageModel: model,
      catalogDirectory: fixture.catalogDirectory,
      environment: { ...faultEnvironment, SWITCHYARD_SOURCE_RETRIES: '0', SWITCHYARD_SOURCE_MAX_CONCURRENCY: '1', SWITCHYARD_SOURCE_MAX_QUEUE: '0' },
    });
    locker = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: fixture.database });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await app?.close();
    await fixture?.dispose();
  });

  /** Holds an exclusive lock on orders so Switchyard's SELECT waits on it; returns the release. */
  async function holdLock(): Promise<() => Promise<void>> {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await locker.query('COMMIT');
    };
  }

  async function waitForBlockedBackend(): Promise<number> {
    for (let poll = 0; poll < 200; poll += 1) {
      const result = await fixture.query(`SELECT pid FROM pg_stat_activity WHERE datname = '${fixture.database}' AND wait_event_type = 'Lock'`);
      if (result.rows.length > 0) return result.rows[0].pid as number;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no Switchyard backend ever waited on the lock');
  }

  it('answers 502 for that question, 503 busy for a second one meanwhile, and serves again afterwards', async () => {
    const release = await holdLock();
    try {
      const blocked = askSource(app, 'warehouse');
      const pid = await waitForBlockedBackend();

      // One statement at a time and no queue: a second question is turned away at once.
      const busy = await askSource(app, 'warehouse');
      expect(busy.status).toBe(503);
      expect(busy.body.error).toMatchObject({ code: 'SWY_ERR_SOURCE_BUSY', details: { source: 'warehouse' } });
      expect(await askSource(app, 'sales')).toMatchObject({ status: 200 });

      await fixture.query(`SELECT pg_terminate_backend(${pid})`);
      const killed = await blocked;
      expect(killed.status).toBe(502);
      expect(killed.body.error).toMatchObject({ code: 'SWY_ERR_SOURCE_UNAVAILABLE', details: { source: 'warehouse' } });
    } finally {
      await release();
    }
    // The pool replaced the dead connection.
    expect(await askSource(app, 'warehouse')).toMatchObject({ status: 200, body: { rows: [[3]] } });
  });
});
