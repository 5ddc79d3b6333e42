/** Whether a text is a question or a catalog document; some models embed them differently (Cohere input_type). */
export type EmbeddingPurpose = 'query' | 'document';

/** Turns texts into vectors for semantic (and cross-language) routing; optional, fused with lexical ranking. */
export interface EmbeddingProvider {
  /** Provider name for logs and the debug field. */
  readonly name: string;
  /** One vector per text, in order. */
  embed(texts: string[], purpose: EmbeddingPurpose): Promise<number[][]>;
}

/** Cosine similarity of two vectors of equal length. */
export function cosineSimilarity(left: number[], right: number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index] ?? 0;
    const b = right[index] ?? 0;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

/** True when `value` is `count` arrays of numbers: one vector per embedded text. */
export function isVectorList(value: unknown, count: number): value is number[][] {
  return Array.isArray(value) && value.length === count && value.every((vector) => Array.isArray(vector) && vector.every((item) => typeof item === 'number'));
}
