/** One handed-over table with its score. */
export interface CandidateTable {
  /** Table name. */
  readonly table: string;
  /** Retrieval score (0 when included only to complete its source). */
  readonly score: number;
  /** Why it is a candidate. */
  readonly reason: 'match' | 'foreign-key' | 'same-source';
}
