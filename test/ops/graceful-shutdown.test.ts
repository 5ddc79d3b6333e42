import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

  it('aborts requests still running when the grace period ends with 503 SWY_ERR_SHUTTING_DOWN, then closes pools and the audit log', async () => {
    const auditDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-audit-'));
    const auditFile = path.join(auditDirectory, 'audit.jsonl');
    // Never released: the explanation never comes, and the model ignores the abort signal as well.
    const model = new GatedLanguageModel('explain', 'Never sent.');
    const app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off', SWITCHYARD_SHUTDOWN_GRACE_MS: '300', SWITCHYARD_AUDIT_LOG: auditFile } });
    const within = <Value>(work: Promise<Value>) => Promise.race([work, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), 4_000))]);
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const ask = (url: string) => fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'How many sales?', source: 'sales' }) });
      const plain = ask('/query');
      const streamed = ask('/query/stream');
      // Both wait at the gate: SQL written and run, the explanation pending.
      await vi.waitFor(() => expect(model.calls).toHaveLength(4));

      const started = Date.now();
      const closed = app.close().then(() => 'closed' as const);
      // Without the abort these would wait for the gate, and closing for them, until the process is killed.
      const response = await within(plain);
      if (response === 'timed out') expect.fail('the in-flight /query was not ended when the grace period did');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ error: { code: 'SWY_ERR_SHUTTING_DOWN', details: { retryAfterSeconds: 1 } } });
      const events = await (await streamed).text();
      expect(events).toMatch(/event: error\ndata: \{"event":"error","status":503,"error":\{"code":"SWY_ERR_SHUTTING_DOWN"/);
      // Closing finishes on its own, soon after the grace period, rather than at the hard-kill fallback.
      expect(await within(closed)).toBe('closed');
      expect(Date.now() - started).toBeLessThan(3_000);

      // The audit log closed normally, holding both aborted questions.
      const lines = (await fs.readFile(auditFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.map((line) => [line.status, line.errorCode, line.source])).toEqual([
        [503, 'SWY_ERR_SHUTTING_DOWN', 'sales'],
        [503, 'SWY_ERR_SHUTTING_DOWN', 'sales'],
      ]);
      // The source's pool is closed: the connector no longer runs statements.
      await expect(app.sources.handle('sales').connector.execute('SELECT 1', { maxRows: 1, timeoutMs: 1_000 })).rejects.toThrow('Source "sales" is closed');
    } finally {
      await within(app.close());
      await fs.rm(auditDirectory, { recursive: true, force: true });
    }
  });

  it('aborts a rows.csv download still running when the grace period ends with 503 SWY_ERR_SHUTTING_DOWN', async () => {
    const app = await buildTestApp({ languageModel: new GatedLanguageModel('sql', 'Never asked.'), environment: { SWITCHYARD_SHUTDOWN_GRACE_MS: '300' } });
    try {
      // A download of a statement that scans for many seconds, as an answered question would have registered it.
      const queryId = app.queryRecords.add({ source: 'sales', modelSql: 'SELECT COUNT(*) AS n FROM range(3000000000) a(i) WHERE i % 7 = 3', allowedTables: ['sales'], owner: undefined });
      const download = app.inject({ method: 'GET', url: `/query/${queryId}/rows.csv` });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closing = app.close();
      const response = await download;
      expect(response.statusCode, response.body).toBe(503);
      expect(response.json().error.code).toBe('SWY_ERR_SHUTTING_DOWN');
      await closing;
    } finally {
      await app.close();
    }
  });
});
