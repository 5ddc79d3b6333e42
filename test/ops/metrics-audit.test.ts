import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { probeService } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { apiKeyFor, isRoutePrompt, isSqlPrompt, promptText, uniqueSuffix } from './ops-test-support.js';

const postgres = await probeService('postgres');

/** Parses the Prometheus text format strictly: every line is a comment or `name{labels} value`. */
function parsePrometheus(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (match === null) throw new Error(`not Prometheus text format: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] as string] = pair[2] as string;
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

function countOf(samples: ReturnType<typeof parsePrometheus>, name: string, labels: Record<string, string> = {}): number {
  return samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, expected]) => sample.labels[key] === expected)).reduce((sum, sample) => sum + sample.value, 0);
}

// Answers "sales" questions; writes a DELETE for anything mentioning "drop" (the guard refuses it).
const model = new ScriptedLanguageModel([], (options) => {
  const text = promptText(options);
  if (isRoutePrompt(options)) return '{"source": "sales", "tables": ["sales"]}';
  if (isSqlPrompt(options)) return text.includes('drop') ? '<sql>DELETE FROM sales</sql>' : '<sql>SELECT COUNT(*) AS n FROM sales</sql>';
  return 'Counted the sales.';
});

describe('metrics and the audit log (JSON lines)', () => {
  let app: FastifyInstance;
  let auditDirectory: string;
  const client = apiKeyFor('analytics', '*');
  // Building the catalog already queried the source (sample rows); the question adds more.
  let sourceQueriesBefore = 0;

  beforeAll(async () => {
    auditDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-audit-'));
    app = await buildTestApp({
      languageModel: model,
      environment: { SWITCHYARD_AUDIT_LOG: path.join(auditDirectory, 'audit.jsonl'), SWITCHYARD_API_KEYS: JSON.stringify([client.entry]) },
    });
    sourceQueriesBefore = countOf(parsePrometheus((await app.inject({ method: 'GET', url: '/metrics' })).body), 'switchyard_source_query_duration_seconds_count', { source: 'sales', outcome: 'ok' });
    const ask = (question: string) =>
      app.inject({ method: 'POST', url: '/query', payload: { question }, headers: { authorization: `Bearer ${client.key}`, 'x-request-id': `test-${question.length}` } });
    expect((await ask('How many sales?')).statusCode).toBe(200);
    expect((await ask('How many sales?')).json().cache).toBe('hit');
    expect((await ask('Please drop the sales')).statusCode).toBe(422);
  });
  afterAll(async () => {
    await app?.close();
    await fs.rm(auditDirectory, { recursive: true, force: true });
  });

  it('exposes parseable Prometheus metrics covering requests, stages, LLM, guard, cache, sources and catalog age', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const samples = parsePrometheus(response.body);
    const value = (name: string, labels: Record<string, string> = {}) => countOf(samples, name, labels);
    expect(value('switchyard_http_requests_total', { route: '/query', outcome: 'ok' })).toBe(2);
    expect(value('switchyard_http_requests_total', { route: '/query', status: '422' })).toBe(1);
    expect(value('switchyard_http_request_duration_seconds_count', { route: '/query' })).toBe(3);
    for (const stage of ['route', 'generate', 'guard', 'execute', 'explain']) expect(value('switchyard_stage_duration_seconds_count', { stage })).toBe(1);
    expect(value('switchyard_llm_calls_total', { provider: 'scripted', outcome: 'ok' })).toBe(5);
    expect(value('switchyard_llm_tokens_total', { provider: 'scripted', direction: 'prompt' })).toBeGreaterThan(0);
    expect(value('switchyard_guard_rejections_total', { rule: 'not-read-only' }) + value('switchyard_guard_rejections_total')).toBeGreaterThanOrEqual(1);
    expect(value('switchyard_cache_lookups_total', { layer: 'result', outcome: 'hit' })).toBe(1);
    expect(value('switchyard_cache_lookups_total', { layer: 'sql', outcome: 'miss' })).toBe(2);
    const resultLookups = value('switchyard_cache_lookups_total', { layer: 'result', outcome: 'hit' }) + value('switchyard_cache_lookups_total', { layer: 'result', outcome: 'miss' });
    expect(value('switchyard_cache_hit_ratio', { layer: 'result' })).toBeCloseTo(1 / resultLookups, 6);
    expect(value('switchyard_source_query_duration_seconds_count', { source: 'sales', outcome: 'ok' })).toBeGreaterThan(sourceQueriesBefore);
    expect(value('switchyard_questions_total', { outcome: 'SWY_ERR_SQL_REJECTED' })).toBe(1);
    expect(samples.some((sample) => sample.name === 'switchyard_catalog_age_seconds' && sample.value >= 0)).toBe(true);
    expect(samples.some((sample) => sample.name === 'switchyard_llm_errors_total')).toBe(false);
  });

  it('writes one audit line per question, for success and failure, without rows or keys', async () => {
    const text = await fs.readFile(path.join(auditDirectory, 'audit.jsonl'), 'utf8');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      client: 'analytics',
      question: 'How many sales?',
      source: 'sales',
      guardVerdict: 'allowed',
      rowCount: 1,
      attempts: 1,
      cache: 'miss',
      status: 200,
      errorCode: null,
      requestId: 'test-15',
    });
    expect(lines[0].sql).toMatch(/^SELECT COUNT\(\*\) AS n FROM sales/);
    expect(lines[0].durations.totalMs).toBeGreaterThan(0);
    expect(lines[1]).toMatchObject({ cache: 'hit', status: 200, rowCount: 1 });
    expect(lines[2]).toMatchObject({ client: 'analytics', source: 'sales', sql: 'DELETE FROM sales', guardVerdict: 'rejected', status: 422, errorCode: 'SWY_ERR_SQL_REJECTED', rowCount: 0 });
    expect(text).not.toContain(client.key);
    expect(text).not.toContain('"rows"');
  });
});

describe('audit records of questions refused before the handler runs', () => {
  it('records an unknown field, a missing or invalid key and the rate limit, with the code, the known client and a string question only', async () => {
    const auditDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-audit-'));
    const auditFile = path.join(auditDirectory, 'audit.jsonl');
    const client = apiKeyFor('analytics', '*');
    const app = await buildTestApp({
      languageModel: model,
      environment: { SWITCHYARD_AUDIT_LOG: auditFile, SWITCHYARD_API_KEYS: JSON.stringify([client.entry]), SWITCHYARD_RATE_LIMIT_MAX: '1', SWITCHYARD_CACHE: 'off' },
    });
    const wrongKey = 'swy_wrong_key_that_must_never_be_logged';
    try {
      const post = (url: string, payload: Record<string, unknown>, authorization?: string) =>
        app.inject({ method: 'POST', url, payload, headers: authorization === undefined ? {} : { authorization } }).then((response) => response.statusCode);
      const valid = `Bearer ${client.key}`;
      expect(await post('/query', { question: 'hi', foo: 1 }, valid)).toBe(400);
      expect(await post('/query/stream', { question: 7 }, valid)).toBe(400);
      expect(await post('/query', { question: 'How many sales?' })).toBe(401);
      expect(await post('/query/stream', { question: 'How many sales?' }, `Bearer ${wrongKey}`)).toBe(401);
      expect(await post('/query', { question: 'How many sales?' }, valid)).toBe(200);
      expect(await post('/query', { question: 'And now?' }, valid)).toBe(429);
    } finally {
      await app.close();
    }
    const text = await fs.readFile(auditFile, 'utf8');
    await fs.rm(auditDirectory, { recursive: true, force: true });
    const lines = text.trim().split('\n').map((line) => JSON.parse(line));
    // One record per question: the answered one is written by the pipeline alone, not twice.
    expect(lines.map((line) => [line.status, line.errorCode])).toEqual([
      [400, 'SWY_ERR_VALIDATION'],
      [400, 'SWY_ERR_VALIDATION'],
      [401, 'SWY_ERR_UNAUTHORIZED'],
      [401, 'SWY_ERR_UNAUTHORIZED'],
      [200, null],
      [429, 'SWY_ERR_RATE_LIMITED'],
    ]);
    expect(lines[0]).toMatchObject({ client: 'analytics', question: 'hi', source: null, sql: null, rowCount: 0, attempts: 0, cache: 'miss' });
    expect(lines[0].requestId).toEqual(expect.any(String));
    // Not a string in the body: no question; a key that identifies no one: no client; rejected before the body is read: no question.
    expect(lines[1]).toMatchObject({ client: 'analytics', question: '' });
    expect(lines[2]).toMatchObject({ client: 'anonymous', question: '' });
    expect(lines[3]).toMatchObject({ client: 'anonymous', question: '' });
    expect(lines[5]).toMatchObject({ client: 'analytics', question: 'And now?' });
    expect(text).not.toContain(client.key);
    expect(text).not.toContain(wrongKey);
  });
});

describe.skipIf(!postgres.available)('audit log in a PostgreSQL table', () => {
  it('inserts one row per question', async () => {
    const database = `swy_audit_${uniqueSuffix()}`;
    const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_AUDIT_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}` } });
    try {
      await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?' } });
      await app.inject({ method: 'POST', url: '/query', payload: { question: 'Please drop the sales' } });
      await app.close();
      const reader = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
      await reader.connect();
      const rows = (await reader.query('SELECT client, status, error_code, guard_verdict, row_count FROM switchyard_audit ORDER BY time, id')).rows;
      await reader.end();
      expect(rows).toEqual([
        { client: 'anonymous', status: 200, error_code: null, guard_verdict: 'allowed', row_count: 1 },
        { client: 'anonymous', status: 422, error_code: 'SWY_ERR_SQL_REJECTED', guard_verdict: 'rejected', row_count: 0 },
      ]);
    } finally {
      await app.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });
});
