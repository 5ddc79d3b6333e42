import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import mistralTokenizer from 'mistral-tokenizer-js';

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
 * Rendered Mixtral prompts carry `<s>` and `</s>` as literal markers; the server's tokenizer reads
 * each as ONE special token, whereas SentencePiece on raw text would split them into characters.
 */
const mistralSpecialTokenPattern = /<\/?s>/g;

function countMistralTokens(text: string): number {
  let total = 0;
  let start = 0;
  for (const match of text.matchAll(mistralSpecialTokenPattern)) {
    total += countMistralPlainText(text.slice(start, match.index)) + 1;
    start = match.index + match[0].length;
  }
  return total + countMistralPlainText(text.slice(start));
}

function countMistralPlainText(text: string): number {
  if (text.length === 0) return 0;
  // The preceding space mirrors SentencePiece's `add_dummy_prefix`, which the served tokenizer applies.
  return mistralTokenizer.encode(text, false, true).length;
}

/** Lazily built because each BPE rank table costs tens of milliseconds and megabytes to load. */
const tiktokenCache = new Map<TokenizerName, Tiktoken>();

function tiktokenFor(name: 'cl100k' | 'o200k'): Tiktoken {
  let encoder = tiktokenCache.get(name);
  if (encoder === undefined) {
    encoder = new Tiktoken(name === 'cl100k' ? cl100kBase : o200kBase);
    tiktokenCache.set(name, encoder);
  }
  return encoder;
}

/** Creates a counter backed by the named real tokenizer (never a characters-per-token estimate). */
export function createTokenCounter(name: TokenizerName): TokenCounter {
  if (name === 'mistral') return { name, count: countMistralTokens };
  return {
    name,
    // Special-token text in user input is counted as plain text, as the providers encode it.
    count: (text) => tiktokenFor(name).encode(text, [], []).length,
  };
}

/**
 * Whether `texts` together encode to at most `budget` tokens under a real tokenizer. Every
 * tokenizer here spends at least one UTF-8 byte per token (BPE tokens are byte sequences;
 * SentencePiece falls back to single bytes), plus at most one dummy-prefix token per text, so texts
 * whose bytes already fit cannot exceed the budget and need no encoding. Only a prompt that might not
 * fit is counted exactly, so the answer is always the one an exact count would give.
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
