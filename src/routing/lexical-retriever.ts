import type { CatalogRelationship, CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { buildRoutingDocument, type RoutingDocument } from './routing-document.js';
import { identifierTerms, queryTerms, routingTerms, splitWords, type QueryTerm } from './text-terms.js';
import { CompoundSplitter } from './compound-splitter.js';
import { ForeignKeyGraph } from './foreign-key-neighbours.js';
import { ForeignKeyTerms } from './foreign-key-terms.js';
import { withInferredForeignKeys } from './inferred-foreign-keys.js';
import { matchedTermPositions, TermImpactIndex, weightedForms } from './term-impact-index.js';
import { CoherentCoverage } from './coherent-coverage.js';
import { CrossSourceJoins } from './cross-source-joins.js';
import { findFederation } from './source-federation.js';
import { WordNetThesaurus } from './wordnet-thesaurus.js';
import type { RetrievalResult, ScoredSource, ScoredTable, WeightedTerm } from './retrieval-result.js';

/** Weight of a term by where it occurs in a source: names say more than prose and values. */
const fieldWeights = { name: 1, columns: 0.8, text: 0.45, values: 0.35 } as const;
/** Matched tables kept per question; enough for any hand-over, bounded so huge catalogs stay fast. */
const keptTables = 200;
/**
 * How much the best table's BM25 score adds to a source's term coverage: a tie-breaker between
 * sources that cover the question alike, not a rival to coverage (database recall is flat for
 * weights of 0.1 to 0.3 on both benchmark sets).
 */
const bestTableWeight = 0.2;
/** Leading sources re-scored by coherent coverage; the rest cannot overtake them on whole-source coverage alone. */
const coherentRerankSources = 10;

/** One indexed table and the source it belongs to. */
interface TableEntry {
  /** Position of its source in the snapshot's sources. */
  readonly sourceIndex: number;
  /** The table as the catalog holds it. */
  readonly table: CatalogTable;
}

/** Terms of one field, split and stemmed the way the question is. */
function fieldTerms(text: string): Set<string> {
  return new Set(routingTerms(text));
}

/** A field reduced to its routing terms, space-separated, for the impact index. */
function termText(text: string): string {
  return routingTerms(text).join(' ');
}

/**
 * Lexical retrieval over the whole catalog with no model and no network. Tables are ranked by
 * BM25+ (minisearch) over name, column, description and value fields; sources by how much of the
 * question's (IDF-weighted) vocabulary they cover anywhere, plus their best table. Coverage is
 * what separates databases: plain BM25 over one document per database favours big schemas. A
 * question word also meets its hand-written alternates and its thesaurus relatives, at a discount.
 */
export class LexicalRetriever {
  readonly #sources: CatalogSource[];
  readonly #tables: TableEntry[] = [];
  readonly #search: TermImpactIndex;
  /** term → source index → best field weight of the term in that source. */
  readonly #termSources = new Map<string, Map<number, number>>();
  readonly #graph: ForeignKeyGraph;
  readonly #foreignKeyTerms = new ForeignKeyTerms();
  readonly #coherent: CoherentCoverage;
  /** Per source: term → field weight in the source's own name and description, shared by its tables. */
  readonly #descriptionTerms: Map<string, number>[] = [];
  readonly #relatedWords: (word: string) => readonly string[];
  /** Splits run-together identifier words, and question words that run an identifier's words together. */
  readonly #splitter: CompoundSplitter;
  /** Per source: how many distinct terms it holds, which breaks exact ties. */
  readonly #sourceTermCounts: number[];
  /** Join keys between tables of different sources. */
  readonly #joins: CrossSourceJoins;
  /** Source name → position in the catalog's sources. */
  readonly #sourceIndexes: Map<string, number>;

  /**
   * Indexes the sources. `relatedWords` gives a question word's thesaurus relatives, which bridge a
   * question's words and a schema's (WordNet by default; `() => []` routes on the words alone).
   * `relationships` are the catalog's cross-source join keys, along which a question may span sources.
   */
  constructor(sources: CatalogSource[], relatedWords?: (word: string) => readonly string[], relationships: readonly CatalogRelationship[] = []) {
    this.#sources = sources;
    this.#sourceIndexes = new Map(sources.map((source, index) => [source.name, index]));
    this.#joins = new CrossSourceJoins(sources, relationships);
    this.#sourceTermCounts = sources.map(() => 0);
    // WordNet's files are read here, while the catalog is indexed, not on the first question's request.
    const thesaurus = relatedWords === undefined ? WordNetThesaurus.shared() : undefined;
    this.#relatedWords = relatedWords ?? ((word) => thesaurus?.relatives(word) ?? []);
    const splitter = (this.#splitter = new CompoundSplitter(
      sources.flatMap((source) => source.tables.flatMap((table) => [table.name, ...table.columns.map((column) => column.name)])),
      sources.flatMap((source) => [source.description, ...source.tables.flatMap((table) => [table.description ?? '', ...table.columns.map((column) => column.description ?? '')])]),
    ));
    const identifierText = (text: string) =>
      splitWords(text)
        .flatMap((word) => [...identifierTerms(word), ...splitter.split(word).flatMap((part) => routingTerms(part))])
        .join(' ');
    const documents: RoutingDocument[] = [];
    // Declared keys only: neighbourhoods widened by name-implied keys favour big schemas (BIRD R@1 −0.2).
    this.#coherent = new CoherentCoverage(sources);
    sources.forEach((source, sourceIndex) => {
      const joined = withInferredForeignKeys(source);
      const descriptionTerms = fieldTerms(`${source.name} ${source.description}`);
      this.#addTerms(sourceIndex, descriptionTerms, fieldWeights.text);
      this.#descriptionTerms.push(new Map([...descriptionTerms].map((term) => [term, fieldWeights.text])));
      source.tables.forEach((table, tablePosition) => {
        const raw = buildRoutingDocument(this.#tables.length, source, table);
        const document = { id: raw.id, name: identifierText(raw.name), columns: identifierText(raw.columns), text: termText(raw.text), values: termText(raw.values) };
        this.#tables.push({ sourceIndex, table });
        this.#foreignKeyTerms.add(source.name, joined.tables[tablePosition]!, (text) => identifierText(text).split(' ').filter((term) => term.length > 0));
        documents.push(document);
        for (const field of ['name', 'columns', 'text', 'values'] as const) {
          const terms = new Set(document[field].split(' ').filter((term) => term.length > 0));
          this.#addTerms(sourceIndex, terms, fieldWeights[field]);
          for (const term of terms) this.#coherent.add(this.#tables.length - 1, term, fieldWeights[field]);
        }
      });
    });
    this.#search = new TermImpactIndex(documents);
    this.#graph = new ForeignKeyGraph(sources.map(withInferredForeignKeys), this.#joins);
  }

  #addTerms(sourceIndex: number, terms: Set<string>, weight: number): void {
    for (const term of terms) {
      let perSource = this.#termSources.get(term);
      if (perSource === undefined) {
        perSource = new Map();
        this.#termSources.set(term, perSource);
      }
      if (!perSource.has(sourceIndex)) this.#sourceTermCounts[sourceIndex]! += 1;
      if ((perSource.get(sourceIndex) ?? 0) < weight) perSource.set(sourceIndex, weight);
    }
  }

  /**
   * Re-scores the leading sources by the coverage of their best table neighbourhood; sources below
   * them keep their order and are held under the last re-scored one. Of two sources that cover the
   * question equally, the one with the smaller vocabulary goes first: as in query-likelihood
   * ranking, the same words are likelier to have been asked of the schema where they weigh more.
   */
  #rerankCoherently(
    ranked: { index: number; score: number }[],
    terms: QueryTerm[],
    idfOf: (term: string) => number,
    totalWeight: number,
    tablePart: (index: number) => number,
  ): ScoredSource[] {
    const leading = ranked.slice(0, coherentRerankSources);
    if (leading.length === 0 || totalWeight <= 0) return ranked.map(({ index, score }) => ({ source: this.#sources[index]!.name, score }));
    const sourceLevel = (sourceIndex: number, need: number) => {
      const description = this.#descriptionTerms[sourceIndex]!;
      let best = 0;
      for (const [candidate, share] of weightedForms(terms[need]!)) best = Math.max(best, (description.get(candidate) ?? 0) * idfOf(candidate) * share);
      return best;
    };
    const coherent = this.#coherent.score(leading.map((source) => source.index), terms, idfOf, weightedForms, sourceLevel);
    const rescored = leading
      // A source with no tables loaded (its server was down) matches by its name and description only:
      // it has no neighbourhood to re-score, and routing must still see it to name it as unavailable.
      .map(({ index, score }) => ({ index, score: this.#sources[index]!.tables.length === 0 ? score : (coherent.get(index) ?? 0) / totalWeight + tablePart(index) }))
      .sort((left, right) => right.score - left.score || this.#sourceTermCounts[left.index]! - this.#sourceTermCounts[right.index]!);
    const floor = rescored.at(-1)!.score;
    const rest = ranked.slice(coherentRerankSources).map(({ index, score }) => ({ index, score: Math.min(score, floor * 0.999) }));
    return [...rescored, ...rest].filter((source) => source.score > 0).map(({ index, score }) => ({ source: this.#sources[index]!.name, score }));
  }

  /** Number of indexed tables. */
  get tableCount(): number {
    return this.#tables.length;
  }

  /**
   * Ranks sources and tables for a question, and finds the sources it spans when no one covers it;
   * `allowed` says which sources a federation may take in (all by default).
   */
  retrieve(question: string, allowed: (source: string) => boolean = () => true): RetrievalResult {
    const terms = queryTerms(question, this.#relatedWords, (term) => this.#termSources.has(term), (word) => this.#splitter.joined(word));
    const sourceCount = Math.max(this.#sources.length, 1);
    const coverage = new Float64Array(this.#sources.length);
    const termCoverage = new Float64Array(this.#sources.length);
    const idfOf = (term: string) => Math.log(1 + sourceCount / ((this.#termSources.get(term)?.size ?? 0) + 0.5));
    let totalWeight = 0;
    // Per need, each source's coverage: kept only when sources can be joined, to find a federation.
    const needCoverage: Float64Array[] = [];
    for (const queryTerm of terms) {
      termCoverage.fill(0);
      let heldAnywhere = false;
      // A term and its alternates are one need: a source covers it through its best match.
      for (const [candidate, share] of weightedForms(queryTerm)) {
        const perSource = this.#termSources.get(candidate);
        if (perSource === undefined) continue;
        heldAnywhere = true;
        const idf = idfOf(candidate) * share;
        for (const [sourceIndex, weight] of perSource) if (idf * weight > termCoverage[sourceIndex]!) termCoverage[sourceIndex] = idf * weight;
      }
      for (let index = 0; index < coverage.length; index += 1) coverage[index] = coverage[index]! + termCoverage[index]!;
      if (!this.#joins.isEmpty) needCoverage.push(Float64Array.from(termCoverage));
      // A word no schema holds (a year, a name) says nothing about where the answer is; counted, it
      // would only shrink every source's coverage against its best table.
      if (heldAnywhere) totalWeight += idfOf(queryTerm.term);
    }

    const matches = this.#search.match(terms);
    const bestPerSource = new Float64Array(this.#sources.length);
    let bestTableScore = 0;
    for (let position = 0; position < matches.documents.length; position += 1) {
      const score = matches.scores[position]!;
      const sourceIndex = this.#tables[matches.documents[position]!]!.sourceIndex;
      if (score > bestPerSource[sourceIndex]!) bestPerSource[sourceIndex] = score;
      if (score > bestTableScore) bestTableScore = score;
    }

    const tablePart = (index: number) => (bestTableScore > 0 ? (bestTableWeight * (bestPerSource[index] ?? 0)) / bestTableScore : 0);
    const ranked = this.#sources
      .map((source, index) => ({ index, score: (totalWeight > 0 ? (coverage[index] ?? 0) / totalWeight : 0) + tablePart(index) }))
      .filter((source) => source.score > 0)
      .sort((left, right) => right.score - left.score);
    const sources = this.#rerankCoherently(ranked, terms, idfOf, totalWeight, tablePart);

    const matched: ScoredTable[] = topPositions(matches.scores, keptTables).map((position) => {
      const entry = this.#tables[matches.documents[position]!]!;
      const matchedTerms = matchedTermPositions(matches.termMasks, position);
      return { source: this.#sources[entry.sourceIndex]!.name, table: entry.table.name, score: matches.scores[position]!, reason: 'match' as const, matchedTerms };
    });
    const tables = this.#foreignKeyTerms.delegate(this.#graph.expand(matched), terms);
    const federation = findFederation({
      ranked: sources.map((source) => source.source),
      coverage: (name) => needCoverage.map((row) => row[this.#sourceIndexes.get(name) ?? -1] ?? 0),
      totalWeight,
      joins: this.#joins,
      allowed,
    });
    return { sources, tables, terms: terms.map(({ term }) => ({ term, weight: idfOf(term) })), ...(federation ? { federation } : {}) };
  }
}

/** Positions of the `count` highest scores, best first; a bounded min-heap instead of sorting every match. */
function topPositions(scores: Float64Array, count: number): number[] {
  const heap: number[] = [];
  // Lower score first; on equal scores the later position is "lower" so earlier matches win ties.
  const below = (left: number, right: number) => scores[left]! < scores[right]! || (scores[left] === scores[right] && left > right);
  const siftDown = (start: number) => {
    let parent = start;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let lowest = parent;
      if (left < heap.length && below(heap[left]!, heap[lowest]!)) lowest = left;
      if (right < heap.length && below(heap[right]!, heap[lowest]!)) lowest = right;
      if (lowest === parent) return;
      [heap[parent], heap[lowest]] = [heap[lowest]!, heap[parent]!];
      parent = lowest;
    }
  };
  for (let position = 0; position < scores.length; position += 1) {
    if (heap.length < count) {
      heap.push(position);
      for (let child = heap.length - 1; child > 0; ) {
        const parent = (child - 1) >> 1;
        if (!below(heap[child]!, heap[parent]!)) break;
        [heap[parent], heap[child]] = [heap[child]!, heap[parent]!];
        child = parent;
      }
    } else if (below(heap[0]!, position)) {
      heap[0] = position;
      siftDown(0);
    }
  }
  return heap.sort((left, right) => (below(left, right) ? 1 : below(right, left) ? -1 : 0));
}
