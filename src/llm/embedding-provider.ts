/** Whether a text is a question or a catalog document; some models embed them differently (Cohere input_type). */
export type EmbeddingPurpose = 'query' | 'document';

/** Turns texts into vectors for semantic (and cross-language) routing; optional, fused with lexical ranking. */
export interface EmbeddingProvider {
  /** Provider name for logs and the debug field. */
  readonly name: string;
  /** One vector per text, in order. */
  embed(texts: string[], purpose: EmbeddingPurpose): Promise<number[][]>;
}
