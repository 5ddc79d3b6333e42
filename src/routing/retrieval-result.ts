import type { SourceFederation } from './source-federation.js';

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
  /** Positions in the result's `terms` of the question terms the table itself matched (absent when unknown). */
  readonly matchedTerms?: readonly number[];
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
  /** The question's terms with their IDF weights, which tables' `matchedTerms` point into (absent when unknown). */
  readonly terms?: readonly WeightedTerm[];
  /** The sources the question spans, when no one covers it and joined sources do together. */
  readonly federation?: SourceFederation;
}

/** One question term and how much it says about where the answer is. */
export interface WeightedTerm {
  /** The stemmed question term. */
  readonly term: string;
  /** Its IDF over sources: a word few databases hold weighs more. */
  readonly weight: number;
}
