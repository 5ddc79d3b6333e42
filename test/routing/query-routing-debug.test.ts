import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

describe('/query hands chain 1 only retrieval candidates and reports them', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('narrows a catalog larger than the full-catalog threshold', async () => {
    const model = new ScriptedLanguageModel(['{"source": "legal", "tables": ["claims"]}', '<sql>SELECT COUNT(*) AS n FROM claims WHERE fraud = 1</sql>']);
    app = await buildTestApp({
      languageModel: model,
      environment: { SWITCHYARD_ROUTING_FULL_CATALOG_TOKENS: '0', SWITCHYARD_ROUTING_MAX_SOURCES: '2', SWITCHYARD_ROUTING_MAX_TABLES: '3' },
    });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many frauds in 2023?', explain: false } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.source).toBe('legal');
    expect(body.routing.narrowed).toBe(true);
    expect(body.routing.method).toBe('lexical');
    expect(body.routing.candidates.length).toBeLessThanOrEqual(2);
    expect(body.routing.candidates[0]).toMatchObject({ source: 'legal', tables: [{ table: 'claims', reason: 'match' }] });
    expect(body.routing.candidates[0].score).toBeGreaterThan(body.routing.candidates[1]?.score ?? 0);
    expect(body.routing.candidates.flatMap((source: { tables: unknown[] }) => source.tables).length).toBeLessThanOrEqual(3);
    const routePrompt = model.promptOf(0);
    expect(routePrompt).toContain('source: legal');
    const offered = ['sales', 'hr', 'finance'].filter((source) => routePrompt.includes(`source: ${source}`));
    expect(offered.length).toBeLessThanOrEqual(1);
  });

  it('reports candidates even when the small demo catalog is handed over whole', async () => {
    const model = new ScriptedLanguageModel(['{"source": "finance", "tables": ["all_stocks_5yr"]}'], '<sql>SELECT 1 AS one</sql>');
    app = await buildTestApp({ languageModel: model });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'average volume of stocks in July 2013', dryRun: true } });
    const body = response.json();
    if (response.statusCode !== 200) throw new Error(JSON.stringify(body));
    expect(body.routing.narrowed).toBe(false);
    expect(body.routing.candidates.map((source: { source: string }) => source.source)).toHaveLength(5);
    expect(body.routing.candidates[0].source).toBe('finance');
  });
});
