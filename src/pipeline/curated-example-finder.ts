import type { SourceScope } from '../access/source-scope.js';
import type { CatalogSnapshot, CatalogSource } from '../catalog/catalog-types.js';
import type { ChosenSource } from './source-choice-stage.js';

/** A question of the catalog's curated examples, with the SQL its overlay gives and the sources it reads. */
export interface CuratedExample {
  /** The curated SQL: the source's dialect, or DuckDB over source-qualified names across sources. */
  readonly sql: string;
  /** The one source it reads, or every source of a cross-source example. */
  readonly sources: readonly CatalogSource[];
}

/** Case, spacing and the final question mark do not make another question. */
function normalized(question: string): string {
  return question.trim().replace(/\s+/g, ' ').replace(/\?+$/, '').trim().toLowerCase();
}

/**
 * The curated example asking exactly this question, when every source it reads is within the client's
 * scope: without a model, these are the questions the service can still answer, from SQL people wrote
 * and the guard judges like any other.
 */
export function findCuratedExample(snapshot: CatalogSnapshot, question: string, scope: SourceScope): CuratedExample | undefined {
  const wanted = normalized(question);
  const byName = new Map(snapshot.sources.map((source) => [source.name, source]));
  for (const source of snapshot.sources) {
    for (const example of source.crossSourceExamples ?? []) {
      if (normalized(example.question) !== wanted || !example.sources.every((name) => scope.allows(name) && byName.has(name))) continue;
      return { sql: example.sql, sources: example.sources.map((name) => byName.get(name)!) };
    }
  }
  for (const source of snapshot.sources) {
    if (!scope.allows(source.name)) continue;
    const example = source.examples.find((candidate) => normalized(candidate.question) === wanted);
    if (example !== undefined) return { sql: example.sql, sources: [source] };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The source and tables a curated example reads, as routing would choose them: the tables its SQL
 * names (source-qualified across sources), with its SQL as the statement to try, so no model is asked.
 */
export function curatedChoice(example: CuratedExample): ChosenSource {
  const names = (source: CatalogSource, qualified: boolean) =>
    source.tables.filter((table) => new RegExp(`(?<![\\w$])${escapeRegExp(qualified ? `${source.name}.${table.name}` : table.name)}(?![\\w$])`, 'i').test(example.sql));
  const [first, ...others] = example.sources as [CatalogSource, ...CatalogSource[]];
  if (others.length === 0) return { source: first, tables: names(first, false), stored: example.sql };
  const federated = example.sources.map((source) => ({ source, tables: names(source, true) }));
  return { source: first, tables: federated[0]!.tables, federated, stored: example.sql };
}
