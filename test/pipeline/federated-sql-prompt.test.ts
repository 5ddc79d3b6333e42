import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogRelationship, CatalogSource } from '../../src/catalog/catalog-types.js';
import { generateFederatedSql, repairFederatedSql } from '../../src/pipeline/languages/federated/federated-sql-writer.js';
import { PromptLibrary } from '../../src/pipeline/prompt-library.js';
import type { StageContext } from '../../src/pipeline/stage-context.js';
import { harnessTable } from '../helpers/pipeline-harness.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { repositoryRoot } from '../helpers/services.js';

const claims = harnessTable('claims', { claim_id: 'integer', adjuster_emp_no: 'integer', amount: 'decimal(10,2)', claimant_name: 'varchar' }, [[1, 10001, 120.5, 'A. Person']], ['claimant_name']);
const employees = harnessTable('employees', { emp_no: 'integer', first_name: 'varchar', last_name: 'varchar', hire_date: 'date' });
const venue = harnessTable('venue', { venueid: 'integer', venuename: 'varchar' });

function source(name: string, tables: CatalogSource['tables'], crossSourceExamples: CatalogSource['crossSourceExamples'] = []): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description: `${name} data`, tables, examples: [], crossSourceExamples, status: { healthy: true } };
}

const legal = source('legal', [claims], [
  { question: 'Which adjusters handled the most claims?', sources: ['legal', 'hr'], sql: 'SELECT e.last_name, COUNT(*) FROM legal.claims c JOIN hr.employees e ON e.emp_no = c.adjuster_emp_no GROUP BY 1' },
  { question: 'Claims per venue?', sources: ['legal', 'sales'], sql: 'SELECT 1 FROM legal.claims, sales.venue' },
]);
const hr = source('hr', [employees]);
const relationships: CatalogRelationship[] = [
  { from: { source: 'legal', table: 'claims', column: 'adjuster_emp_no' }, to: { source: 'hr', table: 'employees', column: 'emp_no' }, origin: 'declared', description: 'The employee who adjusted the claim.' },
  { from: { source: 'sales', table: 'venue', column: 'venueid' }, to: { source: 'hr', table: 'employees', column: 'emp_no' }, origin: 'suggested' },
];

async function contextFor(model: ScriptedLanguageModel): Promise<StageContext> {
  const prompts = await PromptLibrary.load(path.join(repositoryRoot, 'prompts'));
  return { model, prompts, countTokens: (text) => Math.ceil(text.length / 4), maxOutputTokens: 512, outputTokenCeiling: 512 };
}

const task = { question: 'Which adjusters were hired before 1990?', sources: [{ source: legal, tables: [claims] }, { source: hr, tables: [employees] }], relationships };

describe('the federated SQL prompt', () => {
  it('names every table with its source, lists the join keys between the routed tables and the examples over the chosen sources', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT 1</sql>']);
    const written = await generateFederatedSql(await contextFor(model), task);
    expect(written).toMatchObject({ kind: 'statement', text: 'SELECT 1' });
    const prompt = model.promptOf(0);
    expect(prompt).toContain('CREATE TABLE "legal"."claims"');
    expect(prompt).toContain('CREATE TABLE "hr"."employees"');
    expect(prompt).toContain('example rows from legal.claims');
    expect(prompt).toContain('- legal.claims.adjuster_emp_no holds values of hr.employees.emp_no: declared (The employee who adjusted the claim.)');
    // A relationship to a table that was not routed, and an example over a source not chosen, cost tokens and mislead.
    expect(prompt).not.toContain('sales.venue.venueid');
    expect(prompt).toContain('Which adjusters handled the most claims?');
    expect(prompt).not.toContain('Claims per venue?');
    // Personal data is named, never sampled.
    expect(prompt).not.toContain('A. Person');
  });

  it('repairs from the failing engine\'s message with the same schema and join keys', async () => {
    const model = new ScriptedLanguageModel(['<sql>SELECT 2</sql>']);
    const failure = { text: 'SELECT x FROM legal.claims', error: 'the combine step (DuckDB): Binder Error: Referenced column "x" not found' };
    const written = await repairFederatedSql(await contextFor(model), task, failure);
    expect(written).toMatchObject({ kind: 'statement', text: 'SELECT 2' });
    const prompt = model.promptOf(0);
    expect(prompt).toContain('Referenced column "x" not found');
    expect(prompt).toContain('CREATE TABLE "hr"."employees"');
    expect(prompt).toContain('holds values of hr.employees.emp_no');
  });
});
