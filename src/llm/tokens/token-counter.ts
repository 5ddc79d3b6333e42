import { countMistralTokens } from './mistral-segment-counter.js';
import { countTiktokenTokens, encodingCounter } from './tiktoken-piece-counter.js';

/** The tokenizers Switchyard can count with. */
export type TokenizerName = 'mistral' | 'cl100k' | 'o200k';

/** Every accepted tokenizer name, for validating configuration. */
export const tokenizerNames: readonly TokenizerName[] = ['mistral', 'cl100k', 'o200k'];

/** Counts tokens the way a model family's real tokenizer does. */
export interface TokenCounter {
  /** The tokenizer name. */
  readonly name: TokenizerName;
  /** The number of tokens `text` encodes to, without any implicit begin-of-sequence token. */
  count(text: string): number;
}

/**
 * Creates a counter backed by the named real tokenizer (never a characters-per-token estimate).
 * Counting takes time linear in the text whatever it holds: one result cell of 12,000 letters used
 * to hold the event loop for seconds. Only an unbroken run far longer than any word is estimated,
 * never under its exact count (see `estimateLongRunTokens`).
 */
export function createTokenCounter(name: TokenizerName): TokenCounter {
  if (name === 'mistral') return { name, count: countMistralTokens };
  // Loaded at start-up rather than during the first request, where it would stall every other one.
  encodingCounter(name);
  return { name, count: (text) => countTiktokenTokens(name, text) };
}

/**
 * Whether `texts` together encode to at most `budget` tokens under a real tokenizer. Every
 * tokenizer here spends at least one UTF-8 byte per token (BPE tokens are byte sequences;
 * SentencePiece falls back to single bytes), plus at most one dummy-prefix token per text, so texts
 * whose bytes already fit cannot exceed the budget and need no encoding. Only a prompt that might not
 * fit is counted, so the answer is always the one a full count would give (an estimated long run is
 * capped at the same byte bound, so the shortcut holds for it too).
 */
export function fitsTokenBudget(count: (text: string) => number, texts: readonly string[], budget: number): boolean {
  let bound = 0;
  for (const text of texts) bound += Buffer.byteLength(text, 'utf8') + 1;
  if (bound <= budget) return true;
  let total = 0;
  for (const text of texts) {
    total += count(text);
    if (total > budget) return false;
  }
  return true;
}
