import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';

describe('request input the service refuses clearly', () => {
  let app: FastifyInstance;
  const model = new ScriptedLanguageModel([], () => '<sql>SELECT 1 AS one</sql>');
  beforeAll(async () => {
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off' } });
  });
  afterAll(async () => app?.close());

  const post = (payload: string | Buffer, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/query', payload, headers: { 'content-type': contentType } });

  it('refuses text that is not readable before any model call', async () => {
    const cases = [
      Buffer.concat([Buffer.from('{"question":"How many '), Buffer.from([0xff, 0xfe]), Buffer.from(' sales?","source":"sales"}')]),
      '{"question":"How many \\ud800 sales?","source":"sales"}',
      '{"question":"How many \\u0000 sales?","source":"sales"}',
    ];
    for (const payload of cases) {
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('SWY_ERR_VALIDATION');
    }
    expect(model.calls).toHaveLength(0);
  });

  it('counts a question in characters, not UTF-16 units', async () => {
    const response = await post(JSON.stringify({ question: '🎟'.repeat(2001), source: 'sales' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'SWY_ERR_QUESTION_TOO_LONG', details: { length: 2001, limit: 2000 } });
  });

  it('answers a body of the wrong media type with 415 and an oversized one with 413, each with its own code', async () => {
    const plain = await post('{"question":"How many sales?"}', 'text/plain');
    expect(plain.statusCode).toBe(415);
    expect(plain.json().error.code).toBe('SWY_ERR_UNSUPPORTED_MEDIA_TYPE');
    const large = await post(JSON.stringify({ question: 'x'.repeat(300 * 1024) }));
    expect(large.statusCode).toBe(413);
    expect(large.json().error.code).toBe('SWY_ERR_PAYLOAD_TOO_LARGE');
  });
});
