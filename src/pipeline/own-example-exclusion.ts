import type { CatalogSource } from '../catalog/catalog-types.js';

/** Compares questions as people retype them: case and runs of whitespace do not count. */
function comparable(question: string): string {
  return question.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The source as the SQL prompt sees it while `question` is scored: without the curated example that
 * asks this very question, so a benchmark built from the curated questions measures writing SQL, not
 * recalling the example's SQL from the prompt. Other examples stay.
 */
export function withoutOwnExample(source: CatalogSource, question: string): CatalogSource {
  const asked = comparable(question);
  const examples = source.examples.filter((example) => comparable(example.question) !== asked);
  return examples.length === source.examples.length ? source : { ...source, examples };
}
