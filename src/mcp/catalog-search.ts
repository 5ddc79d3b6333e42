import type { SourceScope } from '../access/source-scope.js';
import type { RetrievalResult } from '../routing/retrieval-result.js';

/** Tables of one source that a search matched, best first. */
export interface CatalogSearchCandidate {
  /** Source name. */
  readonly source: string;
  /** The source's score: how much of the search's vocabulary it holds. */
  readonly score: number;
  /** Its matched tables with their scores; `foreign-key` marks a table that joins matched ones. */
  readonly tables: { table: string; score: number; reason: string }[];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Routing's first stage as a search: the lexical retrieval that narrows the catalog before the
 * router model sees it (BM25 over names, columns, descriptions and values, with thesaurus relatives),
 * on the same per-snapshot index the router keeps, so searching builds no index of its own.
 */
export class CatalogSearch {
  readonly #retrieve: (text: string) => RetrievalResult;

  constructor(retrieve: (text: string) => RetrievalResult) {
    this.#retrieve = retrieve;
  }

  /** Sources and tables matching `text` that `scope` allows, best first, at most `limit` tables in all. */
  search(text: string, scope: SourceScope, limit: number): CatalogSearchCandidate[] {
    const result = this.#retrieve(text);
    const tables = result.tables.filter((table) => scope.allows(table.source)).slice(0, limit);
    return result.sources
      .filter((source) => scope.allows(source.source))
      .map((source) => ({
        source: source.source,
        score: round(source.score),
        tables: tables.filter((table) => table.source === source.source).map((table) => ({ table: table.table, score: round(table.score), reason: table.reason })),
      }))
      .filter((candidate) => candidate.tables.length > 0);
  }
}
