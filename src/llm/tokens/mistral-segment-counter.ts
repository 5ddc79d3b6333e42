import mistralTokenizer from 'mistral-tokenizer-js';
import { estimateLongRunTokens, type ChunkCounter } from './long-run-estimator.js';

/**
 * Rendered Mixtral prompts carry `<s>` and `</s>` as literal markers; the server's tokenizer reads
 * each as ONE special token, whereas SentencePiece on raw text would split them into characters.
 */
const mistralSpecialTokenPattern = /<\/?s>/g;

/**
 * Characters encoded per call. The JavaScript SentencePiece merges through one priority queue over
 * the whole input, so a long input costs more per character (a megabyte of prose took 8 s in one
 * call); segments of this size keep each queue small.
 */
const segmentCharacters = 512;

/**
 * Longest unbroken run (no point to cut at) encoded exactly; a longer one is estimated. The queue
 * keeps even this many characters to a few milliseconds, and a run this long is not prose.
 */
const maxExactRunCharacters = 8 * segmentCharacters;

/** Chunk size, in UTF-8 bytes, of an estimated run. */
const estimateChunkBytes = 256;

/** Counts `text` as Mixtral's SentencePiece model does, in time linear in its length. */
export function countMistralTokens(text: string): number {
  let total = 0;
  let start = 0;
  for (const match of text.matchAll(mistralSpecialTokenPattern)) {
    total += countPlainText(text.slice(start, match.index)) + 1;
    start = match.index + match[0].length;
  }
  return total + countPlainText(text.slice(start));
}

/** The leading chunk gets the space of SentencePiece's `add_dummy_prefix`, which the served tokenizer applies. */
const countChunk: ChunkCounter = (chunk, leading) => (chunk.length === 0 ? 0 : mistralTokenizer.encode(chunk, false, leading).length);

/**
 * No token of the vocabulary holds the space marker `▁` after another character (words are
 * `▁word`, space runs are `▁▁…`), and a line break is always the byte token `<0x0A>`, which no merge
 * takes part in. So no merge joins the characters on either side of a point just before a space that
 * follows a non-space, or on either side of a line break: text cut there encodes to exactly the same
 * count, the parts after the first without the dummy prefix. Text is cut at such points into
 * segments of about `segmentCharacters`; only a run with no such point for `maxExactRunCharacters`
 * is estimated.
 */
function countPlainText(text: string): number {
  let total = 0;
  let start = 0;
  while (start < text.length) {
    const leading = start === 0;
    if (text.length - start <= segmentCharacters) return total + countChunk(text.slice(start), leading);
    const cut = lastCutPoint(text, start, start + segmentCharacters);
    if (cut > start) {
      total += countChunk(text.slice(start, cut), leading);
      start = cut;
      continue;
    }
    const end = nextCutPoint(text, start + segmentCharacters);
    const run = text.slice(start, end);
    total += run.length <= maxExactRunCharacters ? countChunk(run, leading) : estimateLongRunTokens(run, estimateChunkBytes, countChunk, leading);
    start = end;
  }
  return total;
}

function isCutPoint(text: string, index: number): boolean {
  const current = text.charCodeAt(index);
  const before = text.charCodeAt(index - 1);
  return (current === 0x20 && before !== 0x20) || current === 0x0a || before === 0x0a;
}

/** The last cut point in (from, to], or `from` when there is none. */
function lastCutPoint(text: string, from: number, to: number): number {
  for (let index = to; index > from; index -= 1) if (isCutPoint(text, index)) return index;
  return from;
}

/** The first cut point at or after `from`, or the text's end. */
function nextCutPoint(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) if (isCutPoint(text, index)) return index;
  return text.length;
}
