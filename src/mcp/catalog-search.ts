import type { SourceScope } from '../access/source-scope.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import { LexicalRetriever } from '../routing/lexical-retriever.js';
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
 * over the current snapshot. Its index is built on the first search of each snapshot version, so a
 * service whose MCP clients never search never holds a second one.
 */
export class CatalogSearch {
  readonly #catalog: CatalogService;
  #index: { version: string; retriever: LexicalRetriever } | undefined;

  constructor(catalog: CatalogService) {
    this.#catalog = catalog;
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

  #retrieve(text: string): RetrievalResult {
    const snapshot = this.#catalog.snapshot;
    if (this.#index?.version !== snapshot.version) this.#index = { version: snapshot.version, retriever: new LexicalRetriever(snapshot.sources) };
    return this.#index.retriever.retrieve(text);
  }
}
