import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateOptions } from '../../src/llm/language-model.js';
import { createCatalogFixture, type CatalogFixture } from '../catalog/catalog-fixture.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const sequenceLength = 12_000;
/** The smallest explain budget the settings accept, so the prompt is counted and chunked rather than sent whole. */
const explainTokenBudget = 1000;

/** A DNA-like sequence, different per row, as a laboratory table holds them. */
function sequence(seed: number): string {
  let state = seed;
  let text = '';
  for (let index = 0; index < sequenceLength; index += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += 'ACGT'[Math.floor((state / 2147483648) * 4)];
  }
  return text;
}

function promptText(options: GenerateOptions): string {
  return options.messages.map((message) => message.content).join('\n');
}

/** The longest run of A, C, G and T letters in `text`. */
function longestSequenceRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/[ACGT]+/g)].map((match) => match[0].length));
}

describe('a result cell of 12,000 letters', () => {
  let directory: string;
  let fixture: CatalogFixture;
  let app: FastifyInstance;
  let origin: string;
  let model: ScriptedLanguageModel;

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-long-cell-'));
    const database = path.join(directory, 'lab.duckdb');
    const instance = await DuckDBInstance.create(database);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE samples (id INTEGER, name VARCHAR, sequence VARCHAR)');
    for (const id of [1, 2, 3]) await connection.run(`INSERT INTO samples VALUES (${id}, 'sample ${id}', '${sequence(id)}')`);
    connection.closeSync();
    instance.closeSync();
    fixture = await createCatalogFixture(['  - name: lab', '    kind: duckdb', '    description: Laboratory samples and their DNA sequences', `    connection: { database: ${database} }`].join('\n'));
    model = new ScriptedLanguageModel(['<sql>SELECT id, name, sequence FROM samples ORDER BY id</sql>'], (options) =>
      promptText(options).includes('Partial answer 1:') ? 'Three samples, each with a long sequence.' : 'Some samples with long sequences.',
    );
    app = await buildTestApp({
      languageModel: model,
      catalogDirectory: fixture.catalogDirectory,
      environment: { SWITCHYARD_DATA_DIR: fixture.dataDirectory, SWITCHYARD_EXPLAIN_TOKEN_BUDGET: String(explainTokenBudget), SWITCHYARD_EXPLAIN_CHUNK_TOKENS: '600' },
    });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await fixture?.remove();
    if (directory) await fs.rm(directory, { recursive: true, force: true });
  });

  it('is explained from a cut value while /health keeps answering every client', async () => {
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const healthLatencies: number[] = [];
    let answered = false;
    const polling = (async () => {
      while (!answered) {
        const started = performance.now();
        const health = await fetch(`${origin}/health`);
        expect(health.status).toBe(200);
        await health.arrayBuffer();
        healthLatencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const response = await fetch(`${origin}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Which samples are there, and what are their sequences?', source: 'lab' }),
    }).finally(() => (answered = true));
    await polling;
    loopDelay.disable();

    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: unknown[][]; answer: string };
    // The client still gets every value whole; only what the model reads is cut.
    expect(body.rows.map((row) => (row[2] as string).length)).toEqual([sequenceLength, sequenceLength, sequenceLength]);
    expect(body.answer).toBe('Three samples, each with a long sequence.');

    // Before counting was bounded, each count of a sequence held the loop for seconds; a generous
    // margin over the ~100 ms goal keeps a loaded machine from failing the test.
    expect(healthLatencies.length).toBeGreaterThan(0);
    expect(Math.max(...healthLatencies), `/health latencies: ${healthLatencies.map(Math.round).join(', ')}`).toBeLessThan(1000);
    expect(loopDelay.max / 1e6).toBeLessThan(1000);

    // No prompt carried a sequence whole: the schema's sample rows and the explained rows are cut.
    expect(model.calls.length).toBeGreaterThan(2);
    for (const call of model.calls) expect(longestSequenceRun(promptText(call))).toBeLessThanOrEqual(1000);
    const explainCalls = model.calls.slice(1);
    expect(explainCalls.some((call) => promptText(call).includes(`[value cut: ${sequenceLength} characters in all]`))).toBe(true);
    for (const call of explainCalls) {
      const tokens = call.messages.reduce((total, message) => total + app.llm.countTokens(message.content), 0);
      expect(tokens).toBeLessThanOrEqual(explainTokenBudget);
    }
  });
});
