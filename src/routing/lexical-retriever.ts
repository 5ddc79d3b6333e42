import MiniSearch from 'minisearch';
import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { buildRoutingDocument, type RoutingDocument } from './routing-document.js';
import { routingTerms, splitWords, stemWord } from './text-terms.js';
import { ForeignKeyGraph } from './foreign-key-neighbours.js';

/** A table with its retrieval score. */
export interface ScoredTable {
  /** Source name. */
  readonly source: string;
  /** Table name. */
  readonly table: string;
  /** Retrieval score (higher is better; comparable within one retrieval only). */
  readonly score: number;
  /** `match` when the question matched it, `foreign-key` when it joined matched tables. */
  readonly reason: 'match' | 'foreign-key';
}

/** A source with its aggregated score. */
export interface ScoredSource {
  /** Source name. */
  readonly source: string;
  /** Aggregated score (higher is better). */
  readonly score: number;
}

/** Ranked sources and tables for one question. */
export interface RetrievalResult {
  /** Sources, best first. */
  readonly sources: ScoredSource[];
  /** Tables of every source with a positive score, best first. */
  readonly tables: ScoredTable[];
}

/** Weight of a term by where it occurs in a source: names say more than prose and values. */
const fieldWeights = { name: 1, columns: 0.8, text: 0.45, values: 0.35 } as const;
/** Matched tables kept per question; enough for any hand-over, bounded so huge catalogs stay fast. */
const keptTables = 200;
/** How much the best table's BM25 score adds to a source's term coverage. */
const bestTableWeight = 0.35;

interface TableEntry {
  readonly sourceIndex: number;
  readonly table: CatalogTable;
}

/** Terms of one field, split and stemmed the way the question is. */
function fieldTerms(text: string): Set<string> {
  return new Set(routingTerms(text));
}

/**
 * Lexical retrieval over the whole catalog with no model and no network. Tables are ranked by
 * BM25+ (minisearch) over name, column, description and value fields; sources by how much of the
 * question's (IDF-weighted) vocabulary they cover anywhere, plus their best table. Coverage is
 * what separates databases: plain BM25 over one document per database favours big schemas.
 */
export class LexicalRetriever {
  readonly #sources: CatalogSource[];
  readonly #tables: TableEntry[] = [];
  readonly #search: MiniSearch<RoutingDocument>;
  /** term → source index → best field weight of the term in that source. */
  readonly #termSources = new Map<string, Map<number, number>>();
  readonly #graph: ForeignKeyGraph;

  constructor(sources: CatalogSource[]) {
    this.#sources = sources;
    this.#search = new MiniSearch<RoutingDocument>({
      fields: ['name', 'columns', 'text', 'values'],
      tokenize: (text) => splitWords(text),
      processTerm: (term) => {
        const [processed] = routingTerms(term);
        return processed ?? null;
      },
      searchOptions: {
        boost: { name: 3, columns: 1.5, text: 0.6, values: 0.5 },
        prefix: (term) => term.length >= 5,
        combineWith: 'OR',
      },
    });
    const documents: RoutingDocument[] = [];
    sources.forEach((source, sourceIndex) => {
      this.#addTerms(sourceIndex, fieldTerms(`${source.name} ${source.description}`), fieldWeights.text);
      for (const table of source.tables) {
        const document = buildRoutingDocument(this.#tables.length, source, table);
        this.#tables.push({ sourceIndex, table });
        documents.push(document);
        for (const field of ['name', 'columns', 'text', 'values'] as const) {
          this.#addTerms(sourceIndex, fieldTerms(document[field]), fieldWeights[field]);
        }
      }
    });
    this.#search.addAll(documents);
    this.#graph = new ForeignKeyGraph(sources);
  }

  #addTerms(sourceIndex: number, terms: Set<string>, weight: number): void {
    for (const term of terms) {
      let perSource = this.#termSources.get(term);
      if (perSource === undefined) {
        perSource = new Map();
        this.#termSources.set(term, perSource);
      }
      if ((perSource.get(sourceIndex) ?? 0) < weight) perSource.set(sourceIndex, weight);
    }
  }

  /** Number of indexed tables. */
  get tableCount(): number {
    return this.#tables.length;
  }

  /** Ranks sources and tables for a question. */
  retrieve(question: string): RetrievalResult {
    const terms = [...new Set(routingTerms(question))];
    const sourceCount = Math.max(this.#sources.length, 1);
    const coverage = new Float64Array(this.#sources.length);
    let totalWeight = 0;
    for (const term of terms) {
      const perSource = this.#termSources.get(term) ?? this.#termSources.get(stemWord(term));
      const documentFrequency = perSource?.size ?? 0;
      const idf = Math.log(1 + sourceCount / (documentFrequency + 0.5));
      totalWeight += idf;
      if (perSource === undefined) continue;
      for (const [sourceIndex, weight] of perSource) coverage[sourceIndex] = (coverage[sourceIndex] ?? 0) + idf * weight;
    }

    const hits = terms.length === 0 ? [] : this.#search.search(terms.join(' '));
    const bestTableScore = hits[0]?.score ?? 0;
    const tableScores = new Map<number, number>();
    const bestPerSource = new Float64Array(this.#sources.length);
    for (const hit of hits) {
      const entry = this.#tables[hit.id as number];
      if (entry === undefined) continue;
      tableScores.set(hit.id as number, hit.score);
      if (hit.score > (bestPerSource[entry.sourceIndex] ?? 0)) bestPerSource[entry.sourceIndex] = hit.score;
    }

    const sources: ScoredSource[] = this.#sources
      .map((source, index) => ({
        source: source.name,
        score:
          (totalWeight > 0 ? (coverage[index] ?? 0) / totalWeight : 0) +
          (bestTableScore > 0 ? (bestTableWeight * (bestPerSource[index] ?? 0)) / bestTableScore : 0),
      }))
      .filter((source) => source.score > 0)
      .sort((left, right) => right.score - left.score);

    const matched: ScoredTable[] = [...tableScores].slice(0, keptTables).map(([id, score]) => {
      const entry = this.#tables[id]!;
      return { source: this.#sources[entry.sourceIndex]!.name, table: entry.table.name, score, reason: 'match' as const };
    });
    const tables = this.#graph.expand(matched);
    return { sources, tables };
  }
}
