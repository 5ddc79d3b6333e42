import fs from 'node:fs';
import path from 'node:path';
import { Check } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverlayFileSchema } from '../../src/catalog/overlay-schema.js';
import { SourcesFileSchema } from '../../src/sources/source-config.js';
import { ensureDemoData } from '../../src/demo/demo-data-generator.js';
import { repositoryRoot } from '../helpers/services.js';
import { makeTemporaryDataDir, openDemoSource, readOverlay, readSourcesFile } from './demo-test-support.js';

const demoSources = ['sales', 'hr', 'legal', 'finance'];
/** The demo's REST source (a local product API), configured after the four DuckDB ones. */
const restDemoSource = 'product';
const dataDir = makeTemporaryDataDir('catalog');

beforeAll(async () => {
  await ensureDemoData(dataDir);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('catalog/sources.yaml', () => {
  it('matches the sources.yaml schema and enables the demo', () => {
    const file = readSourcesFile();
    expect(Check(SourcesFileSchema, file)).toBe(true);
    expect(file.demo).toBe(true);
    expect(file.sources.map((source) => source.name)).toEqual([...demoSources, restDemoSource]);
    const rest = file.sources.find((source) => source.name === restDemoSource);
    expect(rest?.kind).toBe('rest');
    expect(JSON.stringify(rest?.connection)).toContain('${SWITCHYARD_DEMO_API_URL');
    for (const source of file.sources.filter((candidate) => candidate.kind !== 'rest')) {
      expect(source.kind).toBe('duckdb');
      expect(source.description.length).toBeGreaterThan(40);
      expect(JSON.stringify(source.connection)).toContain('${SWITCHYARD_DATA_DIR:-data}/demo/');
    }
  });
});

describe.each(demoSources)('catalog/overlays/%s.yaml', (sourceName) => {
  it('names its source and describes every table and only real columns', async () => {
    const overlay = readOverlay(sourceName);
    expect(Check(OverlayFileSchema, overlay)).toBe(true);
    expect(overlay.source).toBe(sourceName);
    const source = await openDemoSource(sourceName, dataDir);
    try {
      const columns = await source.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'`);
      const actual = new Map<string, Set<string>>();
      for (const row of columns) {
        const table = String(row.table_name);
        actual.set(table, (actual.get(table) ?? new Set()).add(String(row.column_name)));
      }
      expect(Object.keys(overlay.tables).sort()).toEqual([...actual.keys()].sort());
      for (const [table, description] of Object.entries(overlay.tables)) {
        expect(description.description.length).toBeGreaterThan(20);
        for (const column of Object.keys(description.columns ?? {})) expect(actual.get(table)?.has(column), `${table}.${column}`).toBe(true);
      }
    } finally {
      source.close();
    }
  });

  it('has 3-6 few-shot examples whose SQL runs on the demo data and returns rows', async () => {
    const overlay = readOverlay(sourceName);
    expect(overlay.examples.length).toBeGreaterThanOrEqual(3);
    expect(overlay.examples.length).toBeLessThanOrEqual(6);
    const source = await openDemoSource(sourceName, dataDir);
    try {
      for (const example of overlay.examples) {
        expect(example.question.length).toBeGreaterThan(10);
        const rows = await source.query(example.sql);
        expect(rows.length, example.question).toBeGreaterThan(0);
      }
    } finally {
      source.close();
    }
  });
});

describe('overlay examples answer the blog questions on the demo data', () => {
  it('finds five San Diego sellers for 2008 and counts 2023 frauds', async () => {
    const sales = await openDemoSource('sales', dataDir);
    const legal = await openDemoSource('legal', dataDir);
    try {
      const sellersExample = readOverlay('sales').examples.find((example) => example.question.includes('San Diego'));
      const sellers = await sales.query(sellersExample!.sql);
      expect(sellers).toHaveLength(5);
      expect(Number(sellers[0]!.tickets_sold)).toBeGreaterThanOrEqual(Number(sellers[4]!.tickets_sold));
      const fraudExample = readOverlay('legal').examples.find((example) => example.question.includes('frauds'));
      const [frauds] = await legal.query(fraudExample!.sql);
      expect(Number(frauds!.fraud_claims)).toBeGreaterThan(50);
    } finally {
      sales.close();
      legal.close();
    }
  });

  it('keeps the demo data folder git-ignored', () => {
    const ignored = fs.readFileSync(path.join(repositoryRoot, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toContain('data/');
  });
});
