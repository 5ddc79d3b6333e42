import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { apiKeyFor, isRoutePrompt, isSqlPrompt, promptText } from './ops-test-support.js';
import { createCatalogFixture } from '../catalog/catalog-fixture.js';

const salesOnly = apiKeyFor('sales-team', ['sales']);
const everything = apiKeyFor('data-team', '*');
const salesAndLegal = apiKeyFor('sales-and-legal', ['sales', 'legal']);

describe('API keys and per-key source scoping', () => {
  let app: FastifyInstance;
  // The model tries to reach HR from the sales source whenever a question mentions employees.
  const model = new ScriptedLanguageModel([], (options) => {
    const text = promptText(options);
    if (isRoutePrompt(options)) return text.includes('employees') && text.includes('source: hr') ? '{"source": "hr", "tables": ["employees"]}' : '{"source": "sales", "tables": ["sales"]}';
    if (isSqlPrompt(options)) {
      if (text.includes('CREATE TABLE "employees"')) return '<sql>SELECT COUNT(*) AS n FROM employees</sql>';
      return text.includes('employees') ? '<sql>SELECT COUNT(*) AS n FROM hr.employees</sql>' : '<sql>SELECT COUNT(*) AS n FROM sales</sql>';
    }
    return 'Counted.';
  });

  beforeAll(async () => {
    app = await buildTestApp({
      languageModel: model,
      environment: { SWITCHYARD_API_KEYS: JSON.stringify([salesOnly.entry, everything.entry, salesAndLegal.entry]), SWITCHYARD_CACHE: 'off' },
    });
  });
  afterAll(async () => app?.close());

  const ask = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/query', payload, headers });

  it('answers 401 without a key or with an unknown key, and keeps health and metrics open', async () => {
    const missing = await ask({ question: 'How many sales?' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('SWY_ERR_UNAUTHORIZED');
    const wrong = await ask({ question: 'How many sales?' }, { authorization: 'Bearer swy_not_a_key' });
    expect(wrong.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/sources' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect(model.calls).toHaveLength(0);
  });

  it('accepts the key as a bearer token or X-API-Key', async () => {
    expect((await ask({ question: 'How many sales?' }, { authorization: `Bearer ${salesOnly.key}` })).statusCode).toBe(200);
    expect((await ask({ question: 'How many sales?' }, { 'x-api-key': salesOnly.key })).statusCode).toBe(200);
  });

  it('never offers a forbidden source to the router', async () => {
    model.calls.length = 0;
    // Sales holds this question too, so it reaches the model: the guard's backstop is what is tested.
    const response = await ask({ question: 'How many sales employees are there?' }, { authorization: `Bearer ${salesAndLegal.key}` });
    const routePrompts = model.calls.filter(isRoutePrompt).map(promptText);
    expect(routePrompts.length).toBeGreaterThan(0);
    for (const prompt of routePrompts) {
      expect(prompt).toContain('source: sales');
      for (const forbidden of ['hr', 'finance']) expect(prompt).not.toContain(`source: ${forbidden}`);
    }
    // The model, confined to sales, wrote SQL reaching into hr: the guard step answers 403 naming it, and nothing ran.
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'SWY_ERR_FORBIDDEN', details: { source: 'hr', client: 'sales-and-legal' } });
  });

  it('skips chain 1 for a key confined to one source, and no prompt shows another source', async () => {
    model.calls.length = 0;
    const response = await ask({ question: 'How many sales employees are there?' }, { authorization: `Bearer ${salesOnly.key}` });
    expect(model.calls.filter(isRoutePrompt)).toHaveLength(0);
    const sqlPrompts = model.calls.filter(isSqlPrompt).map(promptText);
    expect(sqlPrompts.length).toBeGreaterThan(0);
    for (const prompt of sqlPrompts) for (const forbidden of ['"employees"', 'source: hr']) expect(prompt).not.toContain(forbidden);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'SWY_ERR_FORBIDDEN', details: { source: 'hr', client: 'sales-team' } });
  });

  it('answers 403 when the request names a source the key may not use, before any model call', async () => {
    model.calls.length = 0;
    const response = await ask({ question: 'How many employees?', source: 'hr' }, { authorization: `Bearer ${salesOnly.key}` });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('SWY_ERR_FORBIDDEN');
    expect(response.json().error.message).toContain('"hr"');
    expect(model.calls).toHaveLength(0);
  });

  it('lists only the key\'s own sources as the known ones when the request names an unknown source', async () => {
    const knownTo = async (key: string) => {
      const response = await ask({ question: 'How many?', source: 'nowhere' }, { authorization: `Bearer ${key}` });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'SWY_ERR_SOURCE_NOT_FOUND', details: { source: 'nowhere' } });
      return [...response.json().error.details.known].sort();
    };
    expect(await knownTo(salesAndLegal.key)).toEqual(['legal', 'sales']);
    expect(await knownTo(salesOnly.key)).toEqual(['sales']);
    expect(await knownTo(everything.key)).toEqual(['finance', 'hr', 'legal', 'product', 'sales']);
  });

  it('lists only the key\'s own sources in /sources, /catalog and /catalog/status', async () => {
    const get = (url: string, key: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } }).then((response) => response.json());
    expect((await get('/sources', salesOnly.key)).sources.map((source: { name: string }) => source.name)).toEqual(['sales']);
    const catalog = await get('/catalog', salesOnly.key);
    expect(catalog.sources.map((source: { name: string }) => source.name)).toEqual(['sales']);
    // No other source's columns or sampled values: HR's employees and salaries stay out of reach.
    expect(JSON.stringify(catalog)).not.toMatch(/"employees"|"salaries"/);
    // Clients see which columns are protected, and no value of them.
    const users = catalog.sources[0].tables.find((table: { name: string }) => table.name === 'users');
    expect(users.columns.find((column: { name: string }) => column.name === 'email')).toEqual(expect.objectContaining({ pii: true }));
    expect(JSON.stringify(users)).not.toContain('@');
    expect((await get('/catalog/status', salesAndLegal.key)).sources.map((source: { name: string }) => source.name).sort()).toEqual(['legal', 'sales']);
    expect((await get('/sources', everything.key)).sources.map((source: { name: string }) => source.name)).toEqual(expect.arrayContaining(['sales', 'hr', 'legal']));
  });

  it('lets an unrestricted key route to every source', async () => {
    model.calls.length = 0;
    const response = await ask({ question: 'How many employees are there?' }, { authorization: `Bearer ${everything.key}` });
    const routePrompt = promptText(model.calls.find(isRoutePrompt) ?? { messages: [] });
    for (const source of ['sales', 'hr', 'legal', 'finance']) expect(routePrompt).toContain(`source: ${source}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().source).toBe('hr');
  });
});

describe('auth configuration', () => {
  it('stays open when no keys are configured (the zero-config demo)', async () => {
    const model = new ScriptedLanguageModel(['{"source": "sales", "tables": ["sales"]}', '<sql>SELECT 1 AS one FROM sales LIMIT 1</sql>', 'One.']);
    const app = await buildTestApp({ languageModel: model });
    try {
      expect((await app.inject({ method: 'POST', url: '/query', payload: { question: 'One?' } })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is on by default outside the demo: a real catalog without keys refuses to start unless auth is turned off on purpose', async () => {
    const fixture = await createCatalogFixture();
    const base = { SWITCHYARD_DATA_DIR: fixture.dataDirectory };
    try {
      await expect(buildTestApp({ catalogDirectory: fixture.catalogDirectory, environment: { ...base, SWITCHYARD_AUTH: 'auto' } })).rejects.toMatchObject({
        code: 'SWY_ERR_CONFIG_INVALID',
        message: expect.stringContaining('SWITCHYARD_API_KEYS'),
      });
      const open = await buildTestApp({ catalogDirectory: fixture.catalogDirectory, environment: { ...base, SWITCHYARD_AUTH: 'off' } });
      try {
        expect((await open.inject({ method: 'GET', url: '/sources' })).statusCode).toBe(200);
      } finally {
        await open.close();
      }
      const keyed = await buildTestApp({ catalogDirectory: fixture.catalogDirectory, environment: { ...base, SWITCHYARD_API_KEYS: JSON.stringify([everything.entry]) } });
      try {
        expect((await keyed.inject({ method: 'GET', url: '/sources' })).statusCode).toBe(401);
        expect((await keyed.inject({ method: 'GET', url: '/sources', headers: { authorization: `Bearer ${everything.key}` } })).statusCode).toBe(200);
      } finally {
        await keyed.close();
      }
    } finally {
      await fixture.remove();
    }
  });

  it('refuses to start with SWITCHYARD_AUTH=required and no keys, and rejects malformed key lists', async () => {
    await expect(buildTestApp({ environment: { SWITCHYARD_AUTH: 'required' } })).rejects.toMatchObject({ code: 'SWY_ERR_CONFIG_INVALID' });
    await expect(buildTestApp({ environment: { SWITCHYARD_API_KEYS: '[{"client": "x", "keySha256": "plaintext-key"}]' } })).rejects.toMatchObject({
      code: 'SWY_ERR_CONFIG_INVALID',
    });
  });
});

describe('security headers and CORS', () => {
  it('sends helmet headers, keeps /docs working, and allows only configured origins', async () => {
    const app = await buildTestApp({ environment: { SWITCHYARD_CORS_ORIGINS: 'https://bi.example.com' } });
    try {
      const health = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://bi.example.com' } });
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      expect(health.headers['content-security-policy']).toContain("default-src 'self'");
      expect(health.headers['access-control-allow-origin']).toBe('https://bi.example.com');
      const other = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example.com' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const docs = await app.inject({ method: 'GET', url: '/docs/' });
      expect(docs.statusCode).toBe(200);
      // swagger-ui loads its scripts from files, which the same-origin script policy allows.
      expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    } finally {
      await app.close();
    }
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const app = await buildTestApp();
    try {
      const health = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://bi.example.com' } });
      expect(health.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
