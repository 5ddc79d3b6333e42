import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Check } from 'typebox/value';
import { QueryEventSchema } from '../../src/schemas/query-event-schema.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const monthlySql = "<sql>SELECT date_trunc('month', saletime) AS sale_month, SUM(qtysold) AS tickets FROM sales GROUP BY 1 ORDER BY 1</sql>";

/** Parses a text/event-stream body into events. */
function parseEvents(body: string): { event: string; data: any }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) };
    });
}

describe('POST /query/stream (Server-Sent Events)', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('sends route, sql per attempt, rows, answer tokens and done with the full response', async () => {
    const model = new ScriptedLanguageModel([
      '{"source": "sales", "tables": ["sales"]}',
      '<sql>SELECT nope FROM sales</sql>',
      monthlySql,
      'Sales rose through the year.',
    ]);
    app = await buildTestApp({ languageModel: model });
    const response = await app.inject({ method: 'POST', url: '/query/stream', payload: { question: 'Tickets sold per month?' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = parseEvents(response.body);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('route');
    expect(events[0]!.data).toEqual({ event: 'route', source: 'sales', tables: ['sales'] });
    // Every event is one the API document describes, and its data names it as the SSE field does.
    for (const { event, data } of events) {
      expect(data.event, event).toBe(event);
      expect(Check(QueryEventSchema, data), event).toBe(true);
    }
    expect(names.filter((name) => name === 'sql')).toHaveLength(2);
    expect(events.find((event) => event.event === 'sql')!.data).toMatchObject({ attempt: 1, error: expect.stringContaining('nope') });
    const rows = events.find((event) => event.event === 'rows')!.data;
    expect(rows.columns.map((column: { name: string }) => column.name)).toEqual(['sale_month', 'tickets']);
    expect(rows.rows.length).toBeLessThanOrEqual(20);
    // Tokens come after rows and before done, and add up to the answer.
    const tokens = events.filter((event) => event.event === 'token').map((event) => event.data.text);
    expect(tokens.join('')).toBe('Sales rose through the year.');
    expect(names.indexOf('token')).toBeGreaterThan(names.indexOf('rows'));
    expect(names.at(-1)).toBe('done');
    const done = events.at(-1)!.data;
    expect(done.answer).toBe('Sales rose through the year.');
    expect(done.chart.kind).toBe('line');
    expect(done.queryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(done.conversationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('honours Accept: text/event-stream on POST /query', async () => {
    app = await buildTestApp({ languageModel: new ScriptedLanguageModel(['<sql>SELECT COUNT(*) AS n FROM sales</sql>', 'Many.']) });
    const response = await app.inject({
      method: 'POST',
      url: '/query',
      headers: { accept: 'text/event-stream' },
      payload: { question: 'How many sales?', source: 'sales' },
    });
    const events = parseEvents(response.body);
    expect(events.map((event) => event.event)).toEqual(['route', 'sql', 'rows', 'token', 'done']);
    // A single value gets no chart.
    expect(events.at(-1)!.data.chart).toBeNull();
  });

  it('ends with an error event carrying the stable error body', async () => {
    const model = new ScriptedLanguageModel(['<sql>DROP TABLE sales</sql>']);
    app = await buildTestApp({ languageModel: model });
    const response = await app.inject({ method: 'POST', url: '/query/stream', payload: { question: 'Drop it', source: 'sales' } });
    const events = parseEvents(response.body);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { event: 'error', status: 422, error: { code: 'SWY_ERR_SQL_REJECTED' } } });
    for (const { event, data } of events) expect(Check(QueryEventSchema, data), event).toBe(true);
  });

  it('counts a stream that ends with an error event by that error in the HTTP metrics, not as ok', async () => {
    const model = new ScriptedLanguageModel(['<sql>DROP TABLE sales</sql>', '<sql>DROP TABLE sales</sql>', '<sql>SELECT COUNT(*) AS n FROM sales</sql>', 'Many.']);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_MAX_SQL_ATTEMPTS: '1', SWITCHYARD_CACHE: 'off' } });
    const refused = { question: 'Drop it', source: 'sales' };
    await app.inject({ method: 'POST', url: '/query/stream', payload: refused });
    await app.inject({ method: 'POST', url: '/query', headers: { accept: 'text/event-stream' }, payload: refused });
    await app.inject({ method: 'POST', url: '/query/stream', payload: { question: 'How many sales?', source: 'sales' } });
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    const requests = (route: string, outcome: string) =>
      Number(new RegExp(`^switchyard_http_requests_total\\{route="${route}",method="POST",status="200",outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    expect(requests('/query/stream', 'client_error')).toBe(1);
    expect(requests('/query/stream', 'ok')).toBe(1);
    expect(requests('/query', 'client_error')).toBe(1);
    expect(requests('/query', 'ok')).toBe(0);
    expect(metrics).toMatch(/^switchyard_http_request_duration_seconds_count\{route="\/query\/stream",method="POST",outcome="client_error"\} 1$/m);
  });

  it('rejects an invalid body with a normal JSON 400 before streaming', async () => {
    app = await buildTestApp({ languageModel: new ScriptedLanguageModel([]) });
    const response = await app.inject({ method: 'POST', url: '/query/stream', payload: { question: 'x', bogus: 1 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('SWY_ERR_VALIDATION');
  });
});

describe('GET /query/{id}/rows.csv', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('re-runs the query for the full result beyond maxRows, up to the CSV cap', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT catid, catname FROM category ORDER BY catid</sql>', 'Categories.']);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CSV_MAX_ROWS: '8' } });
    const answer = (await app.inject({ method: 'POST', url: '/query', payload: { question: 'Categories?', source: 'sales', maxRows: 3 } })).json();
    expect(answer.rowCount).toBe(3);
    const download = await app.inject({ method: 'GET', url: `/query/${answer.queryId}/rows.csv` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('text/csv');
    expect(download.headers['content-disposition']).toContain('attachment');
    const lines = download.body.trim().split('\n');
    expect(lines[0]).toBe('catid,catname');
    expect(lines).toHaveLength(1 + 8);
    expect(download.headers['x-switchyard-truncated']).toBe('true');
  });

  it('answers 404 SWY_ERR_NOT_FOUND for an unknown or expired id', async () => {
    app = await buildTestApp({ languageModel: new ScriptedLanguageModel([]) });
    const response = await app.inject({ method: 'GET', url: '/query/00000000-0000-4000-8000-000000000000/rows.csv' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('SWY_ERR_NOT_FOUND');
  });
});

describe('the web page and its assets', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('serves the page, its scripts and the bundled libraries from this origin only', async () => {
    app = await buildTestApp();
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>/);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!).filter((source) => source !== '#');
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      expect((await app.inject({ method: 'GET', url: source })).statusCode, source).toBe(200);
    }
    // Every module app.js imports, directly or through another module, which the page itself does not name.
    const modules = ['/web/app.js'];
    for (const module of modules) {
      const served = await app.inject({ method: 'GET', url: module });
      expect(served.statusCode, module).toBe(200);
      for (const [, imported] of served.body.matchAll(/^import [^;]* from '([^']+)';$/gm)) {
        expect(imported!.startsWith('/'), imported).toBe(true);
        if (!modules.includes(imported!)) modules.push(imported!);
      }
    }
    expect(modules).toEqual(
      expect.arrayContaining(['/web/answer-view.js', '/web/thread-view.js', '/web/cell-formatter.js', '/web/plan-view.js', '/web/plan-formatter.js', '/web/sql-box.js', '/vendor/vega-interpreter.js']),
    );
    // Browsers ask for /favicon.ico on their own; it must not be a 404 in the console.
    const icon = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    const interpreter = await app.inject({ method: 'GET', url: '/vendor/vega-interpreter.js' });
    expect(interpreter.body).not.toContain("from 'vega-util'");
    expect((await app.inject({ method: 'GET', url: '/web/../package.json' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/vendor/lodash.js' })).statusCode).toBe(404);
  });
});
