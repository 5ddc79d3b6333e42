import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { findProjectRoot } from '../config/project-root.js';
import type { EvalQuestion, EvalSuite, SkippedQuestion, SuiteLoadOptions } from './eval-types.js';

/** The part of an overlay file the suite reads. */
interface OverlayExamples {
  readonly source?: string;
  readonly examples?: { question?: string; sql?: string }[];
}

/** Collapses whitespace so questions match across line breaks in the seed texts. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The rows of seed 002's "Example prompts" table: each row starts with its domain and holds the
 * prompt, then the SQL the post's LLM generated. The row text up to that SQL is kept.
 */
function exampleTableRows(seed002: string): string[] {
  const start = seed002.indexOf('Example prompts');
  if (start < 0) return [];
  return seed002
    .slice(start)
    .split('\n')
    .filter((line) => /^(Sales & Marketing|Legal|Human Resources|Finance and Investments|Product)\b/.test(line))
    .map((line) => normalized(line.split(/\sSELECT\s/i)[0] ?? line));
}

/**
 * `seeds`: the example questions of seed 002's table and of seed 000, on the demo data. Gold SQL is
 * the overlays' curated example whose question is one of them; table rows with no curated example
 * (a question the demo cannot answer, such as the weather API one) are reported as skipped.
 */
export async function loadSeedsSuite(options: SuiteLoadOptions): Promise<EvalSuite> {
  const root = findProjectRoot();
  const catalogDirectory = path.join(root, 'catalog');
  const seedFiles = fs.readdirSync(options.seedsRoot).filter((name) => /^00[02]_.*\.txt$/.test(name));
  const seedText = seedFiles.map((name) => normalized(fs.readFileSync(path.join(options.seedsRoot, name), 'utf8'))).join('\n');
  const seed002 = seedFiles.find((name) => name.startsWith('002_'));
  const tableRows = seed002 === undefined ? [] : exampleTableRows(fs.readFileSync(path.join(options.seedsRoot, seed002), 'utf8'));
  const questions: EvalQuestion[] = [];
  const overlayDirectory = path.join(catalogDirectory, 'overlays');
  for (const file of fs.readdirSync(overlayDirectory).filter((name) => name.endsWith('.yaml')).sort()) {
    const overlay = parse(fs.readFileSync(path.join(overlayDirectory, file), 'utf8')) as OverlayExamples;
    for (const example of overlay.examples ?? []) {
      if (!example.question || !example.sql || overlay.source === undefined) continue;
      if (!seedText.includes(normalized(example.question))) continue;
      questions.push({ id: `${overlay.source}:${questions.length}`, question: example.question, source: overlay.source, goldSql: example.sql.trim(), difficulty: overlay.source });
    }
  }
  const skipped: SkippedQuestion[] = tableRows
    .filter((row) => !questions.some((question) => row.includes(normalized(question.question))))
    .map((row) => ({ id: row, reason: 'no curated example in catalog/overlays answers this seed question' }));
  return {
    name: 'seeds',
    catalogDirectory,
    // The demo data of the config's SWITCHYARD_DATA_DIR, as the service itself would use.
    config: options.config,
    environment: {},
    questions: options.limit === undefined ? questions : questions.slice(0, options.limit),
    skipped,
    // The seeds are about choosing among the demo's sources: routing (chain 1) is part of the test.
    sourceGiven: options.sourceGiven ?? false,
    cleanup: async () => undefined,
  };
}
