import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const tiesReason = 'DuckDB has no FETCH FIRST … WITH TIES';

describe('LIMIT ALL and WITH TIES through the whole pipeline on the DuckDB demo', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers a LIMIT ALL question with the cap written in its place, and downloads it in full order', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT salesid FROM sales ORDER BY salesid DESC LIMIT ALL</sql>']);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off' } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'Every sale, newest id first', source: 'sales', explain: false, maxRows: 5 } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(1);
    // The statement's own ORDER BY decides which rows come back: the cap replaced ALL, nothing wraps it.
    expect(body.sql).toBe('SELECT salesid FROM sales ORDER BY salesid DESC LIMIT 6');
    const ids = body.rows.map((row: number[]) => row[0]);
    expect(ids).toHaveLength(5);
    expect(body.truncated).toBe(true);
    expect([...ids].sort((left, right) => right - left)).toEqual(ids);

    const csv = await app.inject({ method: 'GET', url: `/query/${body.queryId}/rows.csv` });
    expect(csv.statusCode).toBe(200);
    const downloaded = csv.body.trim().split('\n').slice(1).map(Number);
    expect(downloaded.length).toBeGreaterThan(5);
    expect(downloaded.slice(0, 5)).toEqual(ids);
    expect([...downloaded].sort((left, right) => right - left)).toEqual(downloaded);
  });

  it('refuses WITH TIES before DuckDB sees it and answers from the repair the reason proposes', async () => {
    const model = new ScriptedLanguageModel([
      '<sql>SELECT salesid, qtysold FROM sales ORDER BY qtysold DESC FETCH FIRST 3 ROWS WITH TIES</sql>',
      '<sql>SELECT salesid, qtysold FROM (SELECT salesid, qtysold, rank() OVER (ORDER BY qtysold DESC) AS place FROM sales) AS ranked WHERE place <= 3 ORDER BY salesid</sql>',
    ]);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off' } });
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'The three biggest sales, ties included', source: 'sales', explain: false } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0].error).toContain('(parse-error)');
    expect(body.attempts[0].error).toContain(tiesReason);
    expect(model.promptOf(1)).toContain(tiesReason);
    expect(body.rows.length).toBeGreaterThan(3);
    // Every row ties for the largest quantity: the ties the question asked for are all there.
    for (const row of body.rows) expect(row[1]).toBe(body.rows[0][1]);
  });
});
