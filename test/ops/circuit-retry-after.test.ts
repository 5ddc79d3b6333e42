import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Connector } from '../../src/connectors/connector.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { ResilientConnector } from '../../src/resilience/resilient-connector.js';
import { ResilientLanguageModel } from '../../src/resilience/resilient-language-model.js';
import { defaultResilienceSettings } from '../../src/config/resilience-settings.js';
import { caught } from '../llm/caught-error.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const breakerSettings = { ...defaultResilienceSettings, breakerThreshold: 1, breakerHalfOpenMs: 30_000, sourceRetries: 0 };
const messages = [{ role: 'user' as const, content: 'Q' }];
const executeOptions = { maxRows: 10, timeoutMs: 1000 };

/** A source whose engine is unreachable: every statement fails as an outage, which opens the breaker. */
function unreachableConnector(): Connector {
  return {
    sourceName: 'warehouse',
    kind: 'postgres',
    dialect: 'postgres',
    capabilities: { readOnlyTransactions: true, statementTimeout: true, cancel: true, streaming: false, bytesScanned: false },
    execute: async () => {
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', 'Source "warehouse" is unavailable', { isRetryable: false });
    },
    introspect: async () => [],
    ping: async () => undefined,
    close: async () => undefined,
  };
}

describe('circuit-open errors say when the half-open trial call is allowed', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('an open source breaker reports the seconds left until its trial call, rounded up, at least 1', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    const connector = new ResilientConnector(unreachableConnector(), breakerSettings);
    expect((await caught(connector.execute('SELECT 1', executeOptions))).code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');

    vi.setSystemTime(1_000_000 + 12_300);
    const open = await caught(connector.execute('SELECT 1', executeOptions));
    expect(open.code).toBe('SWY_ERR_SOURCE_CIRCUIT_OPEN');
    expect(open.retryAfterSeconds).toBe(18);
    expect(open.details).toMatchObject({ source: 'warehouse', retryAfterSeconds: 18 });
    expect(open.message).toContain('within 18 s');

    vi.setSystemTime(1_000_000 + 29_950);
    expect((await caught(connector.execute('SELECT 1', executeOptions))).retryAfterSeconds).toBe(1);
  });

  it('an open language-model breaker does the same, counting from when it last opened', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 2_000_000 });
    const failing = new ScriptedLanguageModel([new Error('provider down'), new Error('still down')]);
    const model = new ResilientLanguageModel(failing, breakerSettings);
    await expect(model.generate({ messages })).rejects.toThrow('provider down');

    vi.setSystemTime(2_000_000 + 1_000);
    const open = await caught(model.generate({ messages }));
    expect(open.code).toBe('SWY_ERR_LLM_CIRCUIT_OPEN');
    expect(open.details).toMatchObject({ provider: 'scripted', retryAfterSeconds: 29 });

    // The trial call fails and reopens the breaker: the wait starts again from then.
    vi.setSystemTime(2_000_000 + 30_000);
    await expect(model.generate({ messages })).rejects.toThrow('still down');
    vi.setSystemTime(2_000_000 + 30_000 + 500);
    expect((await caught(model.generate({ messages }))).retryAfterSeconds).toBe(30);
  });
});

describe('Retry-After on a circuit-open 503', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is sent by the error handler, matching the details; a stream carries it in its error event', async () => {
    app = await buildTestApp({
      languageModel: new ScriptedLanguageModel([new Error('provider down')]),
      environment: { SWITCHYARD_BREAKER_THRESHOLD: '1', SWITCHYARD_BREAKER_HALF_OPEN_MS: '20000', SWITCHYARD_CACHE: 'off' },
    });
    const ask = () => app!.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', source: 'sales' } });
    expect((await ask()).statusCode).toBeGreaterThanOrEqual(500);

    const open = await ask();
    expect(open.statusCode).toBe(503);
    expect(open.json().error).toMatchObject({ code: 'SWY_ERR_LLM_CIRCUIT_OPEN', details: { retryAfterSeconds: 20 } });
    expect(open.headers['retry-after']).toBe('20');

    const streamed = await app.inject({ method: 'POST', url: '/query/stream', payload: { question: 'How many sales?', source: 'sales' } });
    expect(streamed.body).toMatch(/event: error\ndata: .*"code":"SWY_ERR_LLM_CIRCUIT_OPEN".*"retryAfterSeconds":20/);
  });

  it('is not sent for errors that do not know when to retry', async () => {
    app = await buildTestApp({ languageModel: new ScriptedLanguageModel([]) });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many?', source: 'nowhere' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['retry-after']).toBeUndefined();
  });
});
