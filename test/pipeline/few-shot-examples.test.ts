import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCatalogFixture, salesOverlay } from '../catalog/catalog-fixture.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

// One example per way an example's SQL can name (or only seem to name) a table.
const examples = [
  { question: 'How many users are there?', sql: 'SELECT COUNT(*) AS user_count FROM USERS' },
  { question: 'Which events are there?', sql: 'SELECT e.eventname FROM "event" e' },
  { question: 'Which categories are there?', sql: 'SELECT catname FROM category' },
  { question: 'Listings per event?', sql: 'SELECT eventid, COUNT(*) AS listings FROM listing GROUP BY eventid' },
  { question: 'Tickets sold per buyer?', sql: 'SELECT s.buyerid, SUM(s.qtysold) AS tickets FROM sales s GROUP BY s.buyerid' },
];
// JSON is YAML, so each example is written as a flow mapping with every string quoted.
const examplesOverlay = ['examples:', ...examples.map((example) => `  - ${JSON.stringify(example)}`)].join('\n');

describe('few-shot examples in the SQL prompt (chain 2)', () => {
  /** Routes to `tables` and returns the SQL prompt chain 2 was given. */
  async function sqlPromptFor(tables: string[]): Promise<string> {
    const fixture = await createCatalogFixture();
    let app: FastifyInstance | undefined;
    try {
      await fixture.writeOverlay('sales.yaml', `${salesOverlay}\n${examplesOverlay}\n`);
      const model = new ScriptedLanguageModel([JSON.stringify({ source: 'sales', tables }), '<sql>SELECT 1 AS one</sql>']);
      app = await buildTestApp({
        languageModel: model,
        catalogDirectory: fixture.catalogDirectory,
        // Always narrow, so chain 1 runs and its choice of tables is what chain 2 sees.
        environment: { SWITCHYARD_DATA_DIR: fixture.dataDirectory, SWITCHYARD_ROUTING_FULL_CATALOG_TOKENS: '0', SWITCHYARD_CACHE: 'off' },
      });
      const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'Which users bought tickets to which event?', dryRun: true } });
      expect(response.statusCode).toBe(200);
      expect(response.json().tables.sort()).toEqual([...tables].sort());
      return model.promptOf(1);
    } finally {
      await app?.close();
      await fixture.remove();
    }
  }

  it('keeps only the examples whose SQL names a routed table, case-insensitively and as a whole word', async () => {
    const prompt = await sqlPromptFor(['users', 'event']);
    expect(prompt).toContain('Examples of questions');
    expect(prompt).toContain('FROM USERS');
    expect(prompt).toContain('FROM "event" e');
    // `eventid` is not the table `event`; category and sales were not handed over.
    expect(prompt).not.toContain('Listings per event?');
    expect(prompt).not.toContain('FROM category');
    expect(prompt).not.toContain('Tickets sold per buyer?');
  });

  it('leaves the examples section out when no example names a routed table', async () => {
    const prompt = await sqlPromptFor(['venue']);
    expect(prompt).not.toContain('Examples of questions');
    expect(prompt).not.toContain('SELECT catname');
  });
});
