import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceScope } from '../../src/access/source-scope.js';
import type { CatalogRelationship, CatalogSnapshot, CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import type { PipelineCatalog } from '../../src/pipeline/pipeline-catalog.js';
import { PromptLibrary } from '../../src/pipeline/prompt-library.js';
import { SourceChoiceStage } from '../../src/pipeline/source-choice-stage.js';
import { StageTimer } from '../../src/pipeline/stage-timer.js';
import { SchemaRouter } from '../../src/routing/schema-router.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { HarnessSources } from '../helpers/pipeline-harness.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { repositoryRoot } from '../helpers/services.js';

function table(name: string, columns: string[]): CatalogTable {
  return { name, columns: columns.map((column) => ({ name: column, type: 'varchar', nullable: true })), sampleRows: [], foreignKeys: [] };
}

function source(name: string, description: string, tables: CatalogTable[]): CatalogSource {
  return { name, kind: 'fake', dialect: 'duckdb', description, examples: [], status: { healthy: true }, tables };
}

const legal = source('legal', 'Insurance claims', [table('claims', ['claim_id', 'adjuster_emp_no', 'fraud', 'claim_amount', 'filed_date'])]);
const hr = source('hr', 'People', [table('employees', ['emp_no', 'first_name', 'last_name', 'hire_date', 'gender']), table('salaries', ['emp_no', 'salary'])]);
const sales = source('sales', 'Ticket sales', [table('tickets', ['ticket_id', 'price', 'sold_date'])]);
const adjusterKey: CatalogRelationship = {
  from: { source: 'legal', table: 'claims', column: 'adjuster_emp_no' },
  to: { source: 'hr', table: 'employees', column: 'emp_no' },
  origin: 'declared',
  description: 'The employee handling the claim',
};
const snapshot: CatalogSnapshot = { version: 'v1', builtAt: '2026-01-01T00:00:00Z', sources: [legal, hr, sales], relationships: [adjusterKey] };
const catalog: PipelineCatalog = {
  snapshot,
  isLoaded: true,
  onSnapshot: (listener) => listener(snapshot),
  source: (name) => snapshot.sources.find((item) => item.name === name)!,
};
const sources = new HarnessSources(
  ['legal', 'hr', 'sales'].map((name) => ({ name, connector: new FakeConnector({ sourceName: name }), tables: [] })),
  30_000,
);
const question = 'Which adjusters, by first and last name and hire date, handled the most fraudulent claims?';
const federatedReply = '{"sources": [{"source": "legal", "tables": ["claims"]}, {"source": "hr", "tables": ["employees"]}]}';

let prompts: PromptLibrary;
beforeAll(async () => {
  prompts = await PromptLibrary.load(path.join(repositoryRoot, 'prompts'));
});

/** The stage on the three-source catalog, always asking chain 1 (the catalog is never handed over whole). */
function stage(): SourceChoiceStage {
  return new SourceChoiceStage(catalog, sources, new SchemaRouter({ maxTables: 8, maxSources: 3, tokenBudget: 4000, fullCatalogTokens: 0, countTokens: (text) => text.length }));
}

async function choose(model: ScriptedLanguageModel, scope = new SourceScope(undefined)) {
  const context = { model, prompts, countTokens: (text: string) => text.length, maxOutputTokens: 512, outputTokenCeiling: 512 };
  return stage().choose({ question, namedSource: undefined, scope, context, timer: new StageTimer() });
}

describe('chain 1 choosing several sources', () => {
  it('returns every chosen source with its tables, the first one also as the primary source', async () => {
    const model = new ScriptedLanguageModel([federatedReply]);
    const chosen = await choose(model);
    expect(chosen.source.name).toBe('legal');
    expect(chosen.tables.map((item) => item.name)).toEqual(['claims']);
    expect(chosen.federated?.map((item) => [item.source.name, item.tables.map((candidate) => candidate.name)])).toEqual([
      ['legal', ['claims']],
      ['hr', ['employees']],
    ]);
    expect(chosen.routing?.spansSources?.slice().sort()).toEqual(['hr', 'legal']);
  });

  it('shows chain 1 the relationship between the candidate tables and both reply forms', async () => {
    const model = new ScriptedLanguageModel([federatedReply]);
    await choose(model);
    const prompt = model.promptOf(0);
    expect(prompt).toContain('cross-source relationships');
    expect(prompt).toContain('legal.claims.adjuster_emp_no = hr.employees.emp_no (declared: The employee handling the claim)');
    expect(prompt).toContain('{"source": "<source name>", "tables"');
    expect(prompt).toContain('{"sources": [');
  });

  it('keeps the one-source form, with no federated list', async () => {
    const chosen = await choose(new ScriptedLanguageModel(['{"source": "legal", "tables": ["claims"]}']));
    expect(chosen.source.name).toBe('legal');
    expect(chosen.federated).toBeUndefined();
  });

  it('reads a one-entry list of sources as the one-source form', async () => {
    const chosen = await choose(new ScriptedLanguageModel(['{"sources": [{"source": "hr", "tables": ["employees"]}]}']));
    expect(chosen.source.name).toBe('hr');
    expect(chosen.federated).toBeUndefined();
  });

  it('asks again when a source is listed twice or a table is not in its source, saying why', async () => {
    const model = new ScriptedLanguageModel([
      '{"sources": [{"source": "legal", "tables": ["claims"]}, {"source": "legal", "tables": ["claims"]}]}',
      '{"sources": [{"source": "legal", "tables": ["claims"]}, {"source": "hr", "tables": ["claims"]}]}',
    ]);
    await expect(choose(model)).rejects.toMatchObject({ code: 'SWY_ERR_LLM_BAD_OUTPUT' });
    expect(model.promptOf(1)).toContain('source "legal" is listed twice');
    expect(model.calls).toHaveLength(2);
    const corrected = new ScriptedLanguageModel(['{"sources": [{"source": "legal", "tables": ["claims"]}, {"source": "hr", "tables": ["claims"]}]}', federatedReply]);
    const chosen = await choose(corrected);
    expect(corrected.promptOf(1)).toContain('source "hr" has no table "claims"');
    expect(chosen.federated).toHaveLength(2);
  });

  it('refuses with 403, before anything runs, a plan naming a source outside the key', async () => {
    const scope = new SourceScope(new Set(['legal', 'sales']), 'claims-team');
    const model = new ScriptedLanguageModel([federatedReply]);
    await expect(choose(model, scope)).rejects.toMatchObject({ code: 'SWY_ERR_FORBIDDEN', statusCode: 403, details: { source: 'hr', client: 'claims-team' } });
    // The forbidden source was never offered, and the request ended on the first reply: no second chance, no SQL.
    expect(model.calls).toHaveLength(1);
    expect(model.promptOf(0)).not.toContain('source: hr');
    for (const name of ['legal', 'hr', 'sales']) expect((sources.handle(name).connector as FakeConnector).calls).toHaveLength(0);
  });

  it('never makes a source outside the key a candidate, so routing stays inside the key', async () => {
    const scope = new SourceScope(new Set(['legal', 'sales']));
    const outcome = await stage().candidates(question, scope);
    expect(outcome.sources.map((item) => item.name)).not.toContain('hr');
    expect(outcome.spansSources).toBeUndefined();
  });
});
