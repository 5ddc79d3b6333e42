import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/test-app.js';
import { GatedLanguageModel } from './ops-test-support.js';

describe('graceful shutdown', () => {
  it('finishes an in-flight /query before closing pools, and turns new requests away meanwhile', async () => {
    const model = new GatedLanguageModel('explain', 'Finished after shutdown began.');
    const app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off' } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/query`;

    const inFlight = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'How many sales?', source: 'sales' }) });
    await model.waiting;
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    // A late request is turned away: refused on a new connection, or, while the listener still
    // accepts, 503 with the service's own retryable error rather than a bare status.
    const late = await fetch(url.replace('/query', '/sources')).then(
      async (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error?: { code: string } } }),
      () => 'refused' as const,
    );
    if (late !== 'refused') expect(late).toMatchObject({ status: 503, retryAfter: '1', body: { error: { code: 'SWY_ERR_SHUTTING_DOWN' } } });

    model.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { answer: string }).answer).toBe('Finished after shutdown began.');
    await closing;
    expect(closed).toBe(true);
  });
});
