import MiniSearch from 'minisearch';
import type { RoutingDocument } from './routing-document.js';
import type { QueryTerm } from './text-terms.js';

/** The searchable fields of a routing document and their BM25 boosts: names beat prose and values. */
const fieldBoosts = { name: 3, columns: 1.5, text: 0.6, values: 0.5 } as const;
const fields = Object.keys(fieldBoosts) as (keyof typeof fieldBoosts)[];
/** Prefix matches count this much of an exact match at distance 0 (minisearch's own default weight). */
const prefixWeight = 0.375;
/** Query terms this long or longer also match longer index terms that start with them. */
export const minimumPrefixLength = 5;
/** An alternate ("oldest" → age) counts this much of the question's own word. */
export const alternateWeight = 0.6;
/**
 * A thesaurus relative ("vocalist" → singer, "surgeon" → doctor) counts this much of the question's
 * own word, half an alternate's: a general thesaurus knows less of what a schema means than words
 * written for routing do.
 */
export const relativeWeight = 0.3;

/**
 * One index term a question term can be met by: the term, the share of its score a match earns, and
 * how much a match counts towards the "matched this many question terms" factor.
 */
export type MatchForm = readonly [form: string, share: number, credit: number];

/**
 * A question term's forms: itself, its alternates and its thesaurus relatives. A relative earns its
 * share of the term factor as well, or a table reached only through loose relatives of several
 * words would be multiplied up as if it had matched all of them.
 */
export function weightedForms({ term, alternates, relatives }: QueryTerm): MatchForm[] {
  return [
    [term, 1, 1],
    ...alternates.map((alternate): MatchForm => [alternate, alternateWeight, 1]),
    ...(relatives ?? []).map((relative): MatchForm => [relative, relativeWeight, relativeWeight]),
  ];
}
/** Prefix expansions per query term at most, shortest first, so a short stem cannot fan out over a huge vocabulary. */
const maximumPrefixExpansions = 12;

/** The documents holding one term, with that term's precomputed score in each. */
interface Postings {
  /** Document numbers holding the term. */
  readonly documents: Int32Array;
  /** The term's BM25+ score in each document, aligned with `documents`. */
  readonly impacts: Float32Array;
}

/** Query terms whose matches are recorded per document; later terms still score but are not listed. */
const trackedTerms = 64;
/** 32-bit words of one document's matched-term set. */
const maskWords = trackedTerms / 32;

/** Documents matched by a query with their summed scores. */
export interface ImpactMatches {
  /** Matched document ids (positions in the indexed list), in no particular order. */
  readonly documents: Int32Array;
  /** Score of each matched document, aligned with `documents`. */
  readonly scores: Float64Array;
  /**
   * Which query terms (by position, the first `trackedTerms`) each document matched through the
   * term itself, an alternate or a longer form: `maskWords` 32-bit words per document, aligned
   * with `documents`. Thesaurus relatives are left out; they are too loose to say a table covers a term.
   */
  readonly termMasks: Uint32Array;
}

/** Positions of the query terms the document at `position` of a match matched, from its `termMasks` words. */
export function matchedTermPositions(termMasks: Uint32Array, position: number): number[] {
  const found: number[] = [];
  for (let word = 0; word < maskWords; word += 1) {
    let bits = termMasks[position * maskWords + word]!;
    while (bits !== 0) {
      const low = 31 - Math.clz32(bits & -bits);
      found.push(word * 32 + low);
      bits &= bits - 1;
    }
  }
  return found;
}

/**
 * A BM25+ index stored as precomputed impacts. minisearch scores every (term, table) pair once, at
 * build time, with its field boosts and length normalisation; a question then only sums a few typed
 * arrays instead of re-scoring thousands of postings through maps and per-hit objects, which kept
 * routing over 10,000 tables above 20 ms. Scores equal minisearch's OR search: the sum over query
 * terms (prefix matches weighted as minisearch weighs them) times the number of query terms matched.
 */
export class TermImpactIndex {
  readonly #postings = new Map<string, Postings>();
  /** Sorted vocabulary for prefix lookups by binary search. */
  readonly #vocabulary: string[];
  readonly #documentCount: number;
  // Scratch buffers reused by every query; retrieval is synchronous, so queries never interleave.
  readonly #scores: Float64Array;
  /** Per document: the summed credit of the question terms it matched. */
  readonly #matchedTerms: Float32Array;
  /** Per document: the best credit the current question term has earned in it so far. */
  readonly #termCredit: Float32Array;
  readonly #lastTerm: Int32Array;
  /** Per document: the query terms it matched, `maskWords` words each. */
  readonly #termMasks: Uint32Array;

  /** Indexes documents whose field texts are already reduced to routing terms separated by spaces. */
  constructor(documents: RoutingDocument[]) {
    const search = new MiniSearch<RoutingDocument>({
      fields: [...fields],
      // Fields hold routing terms already; splitting on spaces keeps index and query terms identical.
      tokenize: (text) => text.split(' ').filter((word) => word.length > 0),
      processTerm: (term) => term,
    });
    search.addAll(documents);
    const vocabulary = new Set<string>();
    for (const document of documents) for (const field of fields) for (const term of document[field].split(' ')) if (term.length > 0) vocabulary.add(term);
    for (const term of vocabulary) {
      const hits = search.search(term, { prefix: false, fuzzy: false, boost: fieldBoosts, combineWith: 'OR' });
      const documentIds = new Int32Array(hits.length);
      const impacts = new Float32Array(hits.length);
      hits.forEach((hit, position) => {
        documentIds[position] = hit.id as number;
        impacts[position] = hit.score;
      });
      if (hits.length > 0) this.#postings.set(term, { documents: documentIds, impacts });
    }
    this.#vocabulary = [...this.#postings.keys()].sort();
    this.#documentCount = documents.length;
    this.#scores = new Float64Array(documents.length);
    this.#matchedTerms = new Float32Array(documents.length);
    this.#termCredit = new Float32Array(documents.length);
    this.#lastTerm = new Int32Array(documents.length).fill(-1);
    this.#termMasks = new Uint32Array(documents.length * maskWords);
  }

  /** Number of distinct indexed terms. */
  get vocabularySize(): number {
    return this.#vocabulary.length;
  }

  /** Index terms that extend `term` (not `term` itself), shortest first, at most the expansion cap. */
  #prefixExpansions(term: string): string[] {
    let low = 0;
    let high = this.#vocabulary.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#vocabulary[middle]! < term) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let position = low; position < this.#vocabulary.length; position += 1) {
      const candidate = this.#vocabulary[position]!;
      if (!candidate.startsWith(term)) break;
      if (candidate !== term) found.push(candidate);
    }
    return found.length <= maximumPrefixExpansions ? found : found.sort((left, right) => left.length - right.length).slice(0, maximumPrefixExpansions);
  }

  /** Documents matching any of the (distinct, already processed) query terms or their alternates, with BM25+ scores. */
  match(terms: QueryTerm[]): ImpactMatches {
    const touched: number[] = [];
    terms.forEach((queryTerm, termIndex) => {
      const { term } = queryTerm;
      const maskOffset = termIndex < trackedTerms ? termIndex >>> 5 : -1;
      const maskBit = (1 << (termIndex & 31)) >>> 0;
      const expansions = weightedForms(queryTerm);
      if (term.length >= minimumPrefixLength) {
        for (const longer of this.#prefixExpansions(term)) expansions.push([longer, (prefixWeight * longer.length) / (longer.length + 0.3 * (longer.length - term.length)), 1]);
      }
      for (const [indexTerm, weight, credit] of expansions) {
        const postings = this.#postings.get(indexTerm);
        if (postings === undefined) continue;
        const { documents, impacts } = postings;
        for (let position = 0; position < documents.length; position += 1) {
          const document = documents[position]!;
          if (this.#lastTerm[document] === -1) touched.push(document);
          if (this.#lastTerm[document] !== termIndex) {
            this.#lastTerm[document] = termIndex;
            this.#termCredit[document] = credit;
            this.#matchedTerms[document] = this.#matchedTerms[document]! + credit;
          } else if (credit > this.#termCredit[document]!) {
            this.#matchedTerms[document] = this.#matchedTerms[document]! + credit - this.#termCredit[document]!;
            this.#termCredit[document] = credit;
          }
          this.#scores[document] = this.#scores[document]! + weight * impacts[position]!;
          if (credit >= 1 && maskOffset >= 0) this.#termMasks[document * maskWords + maskOffset]! |= maskBit;
        }
      }
    });
    const documents = Int32Array.from(touched);
    const scores = new Float64Array(touched.length);
    const termMasks = new Uint32Array(touched.length * maskWords);
    touched.forEach((document, position) => {
      for (let word = 0; word < maskWords; word += 1) {
        termMasks[position * maskWords + word] = this.#termMasks[document * maskWords + word]!;
        this.#termMasks[document * maskWords + word] = 0;
      }
      // minisearch's "quality": a table matching more distinct query terms ranks higher (relatives count in part).
      scores[position] = this.#scores[document]! * this.#matchedTerms[document]!;
      this.#scores[document] = 0;
      this.#matchedTerms[document] = 0;
      this.#lastTerm[document] = -1;
    });
    return { documents, scores, termMasks };
  }

  /** Number of indexed documents. */
  get documentCount(): number {
    return this.#documentCount;
  }
}

