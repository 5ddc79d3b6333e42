import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { isRoutePrompt, isSqlPrompt, promptText } from './ops-test-support.js';
import { createPostgresFixture, type PostgresFixture } from './postgres-fixture.js';
import { TcpProxy } from './tcp-proxy.js';

const postgres = await probeService('postgres');

// Routes order questions to the warehouse; SQL by the source named in the generation prompt, so an
// order question handed to the sales source would be answered from it (the silent wrong answer).
const model = new ScriptedLanguageModel([], (options) => {
  if (isRoutePrompt(options)) return '{"source": "warehouse", "tables": ["orders"]}';
  if (!isSqlPrompt(options)) return 'Counted.';
  return promptText(options).includes('CREATE TABLE "orders"') ? '<sql>SELECT COUNT(*) AS n FROM orders</sql>' : '<sql>SELECT COUNT(*) AS n FROM sales</sql>';
});

const recoveryEnvironment = {
  SWITCHYARD_CACHE: 'off',
  SWITCHYARD_RATE_LIMIT_MAX: '0',
  SWITCHYARD_SOURCE_RETRIES: '0',
  SWITCHYARD_BREAKER_HALF_OPEN_MS: '50',
  SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS: '20',
  SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS: '100',
};

/** The warehouse's health as /ready, /sources and /catalog/status report it, read one after the other. */
async function warehouseViews(app: FastifyInstance) {
  const ready = await app.inject({ method: 'GET', url: '/ready' });
  const sources = await app.inject({ method: 'GET', url: '/sources' });
  const status = await app.inject({ method: 'GET', url: '/catalog/status' });
  const named = (list: { name: string }[]) => list.find((source) => source.name === 'warehouse') as Record<string, unknown> & { status?: { healthy: boolean } };
  return {
    ready: named(ready.json().sources),
    sources: named(sources.json().sources),
    status: named(status.json().sources),
  };
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** The app over a warehouse reached through a stoppable proxy, built in beforeAll and closed in afterAll. */
function proxiedWarehouse(options: { downAtStart: boolean; environment?: Record<string, string> }): { proxy: () => TcpProxy; app: () => FastifyInstance } {
  let proxy: TcpProxy;
  let fixture: PostgresFixture;
  let app: FastifyInstance;
  beforeAll(async () => {
    proxy = await TcpProxy.start(5432);
    if (options.downAtStart) await proxy.stop();
    fixture = await createPostgresFixture({ port: proxy.port });
    app = await buildTestApp({ languageModel: model, catalogDirectory: fixture.catalogDirectory, environment: { ...recoveryEnvironment, ...options.environment } });
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.stop();
    await fixture?.dispose();
  });
  return { proxy: () => proxy, app: () => app };
}

describe.skipIf(!postgres.available)('a PostgreSQL source whose server is down at start-up', () => {
  const setup = proxiedWarehouse({ downAtStart: true });

  it('is reported down alike everywhere, refuses its questions with 503 naming it, and comes back by itself', async () => {
    const down = await warehouseViews(setup.app());
    expect(down.ready).toMatchObject({ healthy: false });
    expect(down.sources.status).toMatchObject({ healthy: false });
    expect(down.status).toMatchObject({ healthy: false, tables: 0 });
    expect(typeof down.status.nextLoadAttemptAt).toBe('string');

    const routed = await setup.app().inject({ method: 'POST', url: '/query', payload: { question: 'How many orders are there?' } });
    expect(routed.statusCode).toBe(503);
    expect(routed.json().error).toMatchObject({ code: 'SWY_ERR_SOURCE_NOT_LOADED', details: { source: 'warehouse' } });
    expect(routed.json().error.message).toContain('"warehouse"');
    expect(routed.headers['retry-after']).toMatch(/^\d+$/u);

    const named = await setup.app().inject({ method: 'POST', url: '/query', payload: { question: 'How many orders are there?', source: 'warehouse' } });
    expect(named.statusCode).toBe(503);
    expect(named.json().error).toMatchObject({ code: 'SWY_ERR_SOURCE_NOT_LOADED', details: { source: 'warehouse' } });

    // A question the other source matches best is still answered by it.
    const other = await setup.app().inject({ method: 'POST', url: '/query', payload: { question: 'How many ticket sales were there?' } });
    expect(other.statusCode).toBe(200);
    expect(other.json().source).toBe('sales');

    // No admin refresh, no restart: the server coming up is enough.
    await setup.proxy().resume();
    const recovered = await waitUntil(async () => (await warehouseViews(setup.app())).sources.status?.healthy === true, 5000);
    expect(recovered).toBe(true);
    const up = await warehouseViews(setup.app());
    expect(up.ready).toMatchObject({ healthy: true });
    expect(up.status).toMatchObject({ healthy: true, tables: 1, error: null });
    expect(up.status).not.toHaveProperty('nextLoadAttemptAt');
    const answered = await setup.app().inject({ method: 'POST', url: '/query', payload: { question: 'How many orders are there?' } });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ source: 'warehouse', rows: [[3]] });
  });

  it('when it goes down while served, a readiness probe marks it down everywhere until it answers again', async () => {
    await setup.proxy().stop();
    const down = await warehouseViews(setup.app());
    expect(down.ready).toMatchObject({ healthy: false });
    expect(down.sources.status).toMatchObject({ healthy: false });
    expect(down.status).toMatchObject({ healthy: false, tables: 1 });
    const refused = await setup.app().inject({ method: 'POST', url: '/query', payload: { question: 'How many orders are there?' } });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({ code: 'SWY_ERR_SOURCE_NOT_LOADED', details: { source: 'warehouse' } });

    await setup.proxy().resume();
    expect(await waitUntil(async () => (await warehouseViews(setup.app())).status.healthy === true, 5000)).toBe(true);
    const views = await warehouseViews(setup.app());
    expect(views.ready).toMatchObject({ healthy: true });
    expect(views.sources.status).toMatchObject({ healthy: true });
  });
});

describe.skipIf(!postgres.available)('a source marked down that kept its tables, once its server answers again', () => {
  // Retries far apart: only the question's own ping can bring the source back within this test.
  const setup = proxiedWarehouse({ downAtStart: false, environment: { SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS: '60000', SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS: '60000' } });

  it('answers the next question on the kept tables and loads the source at once, without waiting for the retry', async () => {
    await setup.proxy().stop();
    expect((await warehouseViews(setup.app())).sources.status).toMatchObject({ healthy: false });
    await setup.proxy().resume();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const answered = await setup.app().inject({ method: 'POST', url: '/query', payload: { question: 'How many orders are there?', source: 'warehouse' } });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ source: 'warehouse', rows: [[3]] });
    expect(await waitUntil(async () => (await setup.app().inject({ method: 'GET', url: '/catalog/status' })).json().sources[0].healthy === true, 3000)).toBe(true);
  });
});
