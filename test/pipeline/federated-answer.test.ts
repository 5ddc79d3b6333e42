import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { buildTestApp } from '../helpers/test-app.js';

// The demo's own cross-source example (catalog/overlays/legal.yaml), as a model would write it.
const question = 'Which five adjusters handled the most fraudulent claims in 2024, and when were they hired?';
const federatedSql = `SELECT e.first_name, e.last_name, e.hire_date, COUNT(*) AS fraud_claims
FROM legal.claims c
JOIN hr.employees e ON e.emp_no = c.adjuster_emp_no
WHERE c.fraud = 1 AND c.write_time >= TIMESTAMP '2024-01-01' AND c.write_time < TIMESTAMP '2025-01-01'
GROUP BY e.emp_no, e.first_name, e.last_name, e.hire_date
ORDER BY fraud_claims DESC, e.last_name, e.first_name
LIMIT 5`;
const route = JSON.stringify({ sources: [{ source: 'legal', tables: ['claims'] }, { source: 'hr', tables: ['employees'] }] });

/** The same query in one DuckDB that attaches both demo sources: what a federated answer must equal. */
async function singleEngineRows(dataDirectory: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH '${path.join(dataDirectory, 'demo', 'hr.duckdb')}' AS hr (READ_ONLY)`);
    await connection.run(`CREATE SCHEMA legal; CREATE VIEW legal.claims AS SELECT * FROM read_parquet('${path.join(dataDirectory, 'demo', 'legal', 'claims', '**', '*.parquet')}', hive_partitioning = true)`);
    const reader = await connection.runAndReadAll(federatedSql);
    return reader.getRowsJson() as unknown[][];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('a federated answer through the service', () => {
  let app: FastifyInstance;
  let model: ScriptedLanguageModel;
  let auditDirectory: string;

  beforeAll(async () => {
    auditDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-federated-audit-'));
    model = new ScriptedLanguageModel([], (options) => {
      const prompt = options.messages.map((message) => message.content).join('\n');
      if (prompt.includes('route business questions')) return route;
      if (prompt.includes('tables that live in different databases')) return `<sql>${federatedSql}</sql>`;
      return 'Five adjusters handled the most fraudulent claims.';
    });
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_CACHE: 'off', SWITCHYARD_AUDIT_LOG: path.join(auditDirectory, 'audit.jsonl') } });
  });

  afterAll(async () => {
    await app?.close();
    await fs.rm(auditDirectory, { recursive: true, force: true });
  });

  it('answers with the rows one engine holding both sources gives, and shows the plan', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.source).toBe('legal+hr');
    expect(body.tables).toEqual(['legal.claims', 'hr.employees']);
    expect(body.rows).toHaveLength(5);
    const expected = await singleEngineRows(testDataDirectory);
    expect(body.rows.map((row: unknown[]) => row.map(String))).toEqual(expected.map((row) => row.map(String)));
    expect(body.plan.engine).toBe('duckdb');
    expect(body.plan.sources).toEqual(['legal', 'hr']);
    const [claims, employees] = body.plan.parts;
    expect(claims).toMatchObject({ index: 1, source: 'legal', table: 'claims' });
    // Only the columns the query reads, with its single-table filters carried into the extraction.
    expect(claims.sql).toContain('"fraud" = 1');
    expect(claims.sql).not.toContain('claim_amount');
    expect(claims.pushedFilters.length).toBeGreaterThanOrEqual(3);
    expect(employees).toMatchObject({ index: 2, source: 'hr', table: 'employees' });
    expect(employees.sql).not.toMatch(/birth_date|gender/);
    for (const part of body.plan.parts) expect(part.rows).toBeGreaterThan(0);
    expect(body.plan.combineMilliseconds).toBeGreaterThan(0);
  });

  it('streams one part event per extraction before the rows, and audits every part', async () => {
    const response = await app.inject({ method: 'POST', url: '/query/stream', payload: { question } });
    expect(response.statusCode).toBe(200);
    const events = [...response.body.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events.filter((name) => name === 'part')).toHaveLength(2);
    expect(events.indexOf('part')).toBeGreaterThan(events.indexOf('route'));
    expect(events.lastIndexOf('part')).toBeLessThan(events.indexOf('rows'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const records = (await fs.readFile(path.join(auditDirectory, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const last = records.at(-1);
    expect(last.source).toBe('legal+hr');
    expect(last.parts.map((part: { source: string; table: string }) => `${part.source}.${part.table}`)).toEqual(['legal.claims', 'hr.employees']);
    expect(last.parts.every((part: { sql: string; rows: number }) => part.sql.startsWith('SELECT') && part.rows > 0)).toBe(true);
  });

  it('downloads the full result by running the whole plan again', async () => {
    const answer = (await app.inject({ method: 'POST', url: '/query', payload: { question, explain: false } })).json();
    const download = await app.inject({ method: 'GET', url: `/query/${answer.queryId}/rows.csv` });
    expect(download.statusCode, download.body).toBe(200);
    const lines = download.body.trim().split('\n');
    expect(lines[0]).toBe('first_name,last_name,hire_date,fraud_claims');
    expect(lines).toHaveLength(6);
  });

  it('shows the plan with its parts on a dry run, without running them', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question, dryRun: true } });
    expect(response.statusCode, response.body).toBe(200);
    const { plan, rows } = response.json();
    expect(rows).toEqual([]);
    expect(plan.parts).toHaveLength(2);
    expect(plan.parts[0].rows).toBeUndefined();
  });
});

describe('the demo without a model', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({ environment: { SWITCHYARD_CACHE: 'off' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers a cross-source example question from its curated SQL, federated, with its plan and no words', async () => {
    // Spelled as a person types it: case, spacing and the question mark do not matter.
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: `  ${question.toLowerCase().replace(/\?$/, '')} ` } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ answer: null, curatedExample: true, source: 'legal+hr', tables: ['legal.claims', 'hr.employees'] });
    expect(body.rows).toHaveLength(5);
    expect(body.plan.parts.map((part: { source: string }) => part.source)).toEqual(['legal', 'hr']);
    expect(body.usage.llmCalls).toBe(0);
  });

  it('answers a single-source example question from its curated SQL too', async () => {
    const catalog = (await app.inject({ method: 'GET', url: '/catalog' })).json();
    const sales = catalog.sources.find((source: { name: string }) => source.name === 'sales');
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: sales.exampleQuestions[0] } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ source: 'sales', answer: null, curatedExample: true });
    expect(response.json().plan).toBeUndefined();
  });

  it('lists the cross-source questions in the catalog, for the page\'s examples', async () => {
    const catalog = (await app.inject({ method: 'GET', url: '/catalog' })).json();
    expect(catalog.crossSourceQuestions).toContainEqual({ question, sources: ['legal', 'hr'] });
  });

  it('refuses any other question with 503, saying what to set and what still works', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many employees joined in 1990?' } });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('SWY_ERR_LLM_NOT_CONFIGURED');
    expect(response.json().error.message).toContain("only the catalog's example questions are answered");
  });
});
