import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { apiKeyFor, promptAwareModel } from './ops-test-support.js';

/** mulberry32: a tiny seeded generator, so every run sends the same 10,000 requests. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzRequest {
  method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer;
  kind: string;
}

const wrongValues: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], [1, 'a'], {}, { nested: { deep: [] } }, '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];

/** Builds one request that is malformed in at least one way the service must refuse with a 4xx. */
function malformedRequest(random: () => number, key: string): FuzzRequest {
  const pick = <Value>(items: readonly Value[]): Value => items[Math.floor(random() * items.length)] as Value;
  const json = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const body = (value: unknown): string => JSON.stringify(value);
  const kinds = [
    () => ({ kind: 'question-wrong-type', payload: body({ question: pick(wrongValues.filter((value) => typeof value !== 'string')) }) }),
    () => ({ kind: 'maxRows-wrong', payload: body({ question: 'How many sales?', maxRows: pick(['10', 0, -5, 2.5, null, [], true, 1e400]) }) }),
    () => ({ kind: 'flag-wrong-type', payload: body({ question: 'How many sales?', [pick(['explain', 'dryRun'])]: pick(['yes', 1, null, {}, []]) }) }),
    () => ({ kind: 'source-wrong-type', payload: body({ question: 'How many sales?', source: pick([1, null, [], {}, false]) }) }),
    () => ({ kind: 'unknown-field', payload: body({ question: 'How many sales?', [`field${Math.floor(random() * 1000)}`]: pick(wrongValues) }) }),
    () => ({ kind: 'missing-question', payload: body(pick([{}, { source: 'sales' }, { maxRows: 5 }])) }),
    () => ({ kind: 'not-an-object', payload: pick(['null', '[]', '42', '"question"', 'true']) }),
    () => ({ kind: 'bad-json', payload: pick(['{', '{"question": "x"', '{"question": x}', "{'question': 'x'}", '{"question": "x",}', '', ' ', '{"question": "\\q"}', '\u0000']) }),
    () => {
      const bytes = Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      return { kind: 'random-bytes', payload: Buffer.from(bytes) };
    },
    () => ({
      kind: 'bad-unicode',
      // Invalid UTF-8 inside an otherwise valid body, together with an unknown field.
      payload: Buffer.concat([Buffer.from('{"question": "How many '), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('?", "bogus": 1}')]),
    }),
    () => ({ kind: 'lone-surrogate', payload: `{"question": "\\ud800\\udc00\\ud800 sales", "maxRows": ${pick(['-1', '"ten"', 'null'])}}` }),
    () => ({ kind: 'blank-question', payload: body({ question: pick(['', ' ', '\n\t', '\u00a0\u2003 ']) }) }),
    () => ({ kind: 'too-long-question', payload: body({ question: 'why '.repeat(pick([600, 5000, 25_001])) }) }),
    () => ({ kind: 'huge-body', payload: body({ question: 'x'.repeat(300 * 1024) }) }),
    () => ({ kind: 'bad-conversation-id', payload: body({ question: 'How many sales?', conversationId: pick(['', 'has space', '../../etc', 'x'.repeat(200), '💥']) }) }),
  ];
  const shape = pick(kinds)();
  const variant = random();
  if (variant < 0.04) return { method: 'POST', url: '/query', headers: { 'content-type': 'application/json' }, ...shape, kind: `${shape.kind}+no-key` };
  if (variant < 0.07) return { method: 'POST', url: '/query', headers: { ...json, authorization: 'Bearer nope' }, ...shape, kind: `${shape.kind}+bad-key` };
  if (variant < 0.1) return { method: 'POST', url: '/query', headers: { ...json, 'content-type': pick(['text/plain', 'application/xml', 'multipart/form-data']) }, ...shape, kind: `${shape.kind}+content-type` };
  if (variant < 0.12) return { method: pick(['GET', 'PUT', 'DELETE'] as const), url: pick(['/query', '/query/x', '/%E0%A4%A', '/sources/../../etc']), headers: json, ...shape, kind: `${shape.kind}+route` };
  return { method: 'POST', url: '/query', headers: json, ...shape };
}

describe('10,000 malformed requests', () => {
  let app: FastifyInstance;
  const client = apiKeyFor('fuzzer', '*');
  const model = promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales');

  beforeAll(async () => {
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_API_KEYS: JSON.stringify([client.entry]), SWITCHYARD_RATE_LIMIT_MAX: '0' } });
  });
  afterAll(async () => app?.close());

  it('get 4xx only, never 5xx, with the error body shape, and leave the service healthy', async () => {
    const random = seededRandom(20_260_521);
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    const wrongShape: string[] = [];
    for (let index = 0; index < 10_000; index += 1) {
      const request = malformedRequest(random, client.key);
      const response = await app.inject({ method: request.method, url: request.url, headers: request.headers, payload: request.payload });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode < 400 || response.statusCode >= 500) serverErrors.push(`${request.kind}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      else if (!/"code":"SWY_ERR_[A-Z_]+"/.test(response.body)) wrongShape.push(`${request.kind}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(serverErrors).toEqual([]);
    expect(wrongShape.slice(0, 5)).toEqual([]);
    // Every class of refusal was exercised.
    for (const status of [400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    expect(model.calls).toHaveLength(0);

    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const healthy = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' }, headers: { authorization: `Bearer ${client.key}` } });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json().rows[0][0]).toBeGreaterThan(0);
  });
});
