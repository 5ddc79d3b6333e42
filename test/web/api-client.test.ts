import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore, apiKeyItem, attachmentFileName, createApiFetch, errorBody, withApiKey, type KeyStorage, type UnauthorizedNotice } from '../../src/web/api-client.js';
import { buildTestApp } from '../helpers/test-app.js';
import { apiKeyFor, promptAwareModel } from '../ops/ops-test-support.js';

/** A Storage double: what sessionStorage offers the page, in a Map. */
function memoryStorage(): KeyStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('the web page API client (src/web/api-client.js)', () => {
  it('adds X-API-Key only when a key is set, keeping the other headers', () => {
    const headers = withApiKey({ accept: 'text/event-stream' }, 'swy_secret');
    expect(headers.get('x-api-key')).toBe('swy_secret');
    expect(headers.get('accept')).toBe('text/event-stream');
    expect(withApiKey({ accept: 'text/event-stream' }, '').has('x-api-key')).toBe(false);
    expect([...withApiKey(undefined, '').keys()]).toEqual([]);
  });

  it('keeps the key trimmed in the storage it is given, and clears it (also when set blank)', () => {
    const storage = memoryStorage();
    const store = new ApiKeyStore(storage);
    expect(store.get()).toBe('');
    store.set('  swy_pasted\n');
    expect(storage.items.get(apiKeyItem)).toBe('swy_pasted');
    expect(store.get()).toBe('swy_pasted');
    store.clear();
    expect(storage.items.has(apiKeyItem)).toBe(false);
    store.set('swy_again');
    store.set('   ');
    expect(store.get()).toBe('');
  });

  it('falls back to memory when the browser offers no storage', () => {
    const store = new ApiKeyStore(null);
    store.set('swy_memory');
    expect(store.get()).toBe('swy_memory');
    store.clear();
    expect(store.get()).toBe('');
  });

  it('reads the download name from Content-Disposition', () => {
    expect(attachmentFileName('attachment; filename="switchyard-1234abcd.csv"', 'fallback.csv')).toBe('switchyard-1234abcd.csv');
    expect(attachmentFileName(null, 'fallback.csv')).toBe('fallback.csv');
  });

  it('turns a body that is not the service error into one', async () => {
    expect(await errorBody(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))).toEqual({
      error: { code: 'HTTP_502', message: 'Bad Gateway' },
    });
  });
});

describe('the web page API client against the real service with API keys on', () => {
  const client = apiKeyFor('web-page', '*');
  let app: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    app = await buildTestApp({
      languageModel: promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS sales_count FROM sales', 'Lots of sales.'),
      environment: { SWITCHYARD_API_KEYS: JSON.stringify([client.entry]), SWITCHYARD_RATE_LIMIT_MAX: '0' },
    });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => app?.close());

  /** The page's fetch over a fresh store, recording every 401 notice. */
  function pageFetch(apiKey: string) {
    const store = new ApiKeyStore(memoryStorage());
    store.set(apiKey);
    const notices: UnauthorizedNotice[] = [];
    const apiFetch = createApiFetch({ store, onUnauthorized: (notice) => notices.push(notice) });
    return { notices, fetch: (path: string, init?: RequestInit) => apiFetch(`${origin}${path}`, init) };
  }

  it('reports a 401 without a key and with a wrong one, so the page can ask for a key', async () => {
    const anonymous = pageFetch('');
    const refused = await anonymous.fetch('/catalog');
    expect(refused.status).toBe(401);
    expect((await errorBody(refused)).error.code).toBe('SWY_ERR_UNAUTHORIZED');
    expect(anonymous.notices).toEqual([{ keySent: false }]);

    const wrong = pageFetch('swy_not-a-key');
    expect((await wrong.fetch('/catalog')).status).toBe(401);
    expect(wrong.notices).toEqual([{ keySent: true }]);
  });

  it('sends the key on the catalog, the question stream and the CSV download', async () => {
    const page = pageFetch(client.key);
    const catalog = await page.fetch('/catalog');
    expect(catalog.status).toBe(200);
    expect(((await catalog.json()) as { sources: unknown[] }).sources.length).toBeGreaterThan(0);

    const stream = await page.fetch('/query/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question: 'How many sales?', source: 'sales' }),
    });
    expect(stream.status).toBe(200);
    const events = await stream.text();
    const done = /event: done\ndata: (.*)\n/.exec(events);
    expect(done, events).not.toBeNull();
    const queryId = JSON.parse(done![1]!).queryId as string;

    const download = await page.fetch(`/query/${encodeURIComponent(queryId)}/rows.csv`);
    expect(download.status).toBe(200);
    expect(attachmentFileName(download.headers.get('content-disposition'), 'fallback.csv')).toBe(`switchyard-${queryId.slice(0, 8)}.csv`);
    expect((await download.text()).split('\n')[0]).toBe('sales_count');
    // Without the key the same download is refused: a plain link could not fetch it.
    expect((await pageFetch('').fetch(`/query/${encodeURIComponent(queryId)}/rows.csv`)).status).toBe(401);
    expect(page.notices).toEqual([]);
  });
});
