import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import o200kBase from 'js-tiktoken/ranks/o200k_base';
import { countBytePairMerges } from './byte-pair-merge-counter.js';
import { estimateLongRunTokens, type ChunkCounter } from './long-run-estimator.js';

/** The byte-pair encodings of OpenAI models that Switchyard counts with. */
export type TiktokenEncodingName = 'cl100k' | 'o200k';

/**
 * Longest pre-tokenizer piece left to js-tiktoken. Its merge loop rescans every pair after every
 * merge, about (bytes)² steps per piece: harmless for words, numbers and URL segments, which are far
 * shorter, but seconds for one cell of 12,000 letters and minutes for 12,000 CJK characters.
 */
const maxEncoderPieceBytes = 64;

/**
 * Longer pieces are merged by `countBytePairMerges` (exact, O(n log n)) in chunks of this many
 * bytes: a piece up to this size is one chunk and counted exactly, which covers a long CJK sentence
 * (the pattern keeps a run of letters without spaces as one piece); only a longer piece is estimated.
 */
const mergeChunkBytes = 2048;

/**
 * Whether text may hold a piece past `maxEncoderPieceBytes`. Such a piece has more than a third as
 * many code units (a code unit is at most three UTF-8 bytes), and every piece of both patterns is
 * either all whitespace or holds a space only as its first character, so it lies in a run of that
 * many whitespace or non-space units. Text without one goes to the encoder whole.
 */
const minimumLongRun = Math.floor(maxEncoderPieceBytes / 3);
const longRunPattern = new RegExp(`[^ ]{${minimumLongRun},}|\\s{${minimumLongRun},}`, 'u');

/** What counting with one encoding needs, built once per encoding. */
export interface EncodingCounter {
  /** The encoding's pre-tokenizer pattern. */
  readonly pieces: RegExp;
  /** Encodes text whose pieces are all short. */
  readonly countShortPieces: (text: string) => number;
  /** Counts one chunk of a long piece by heap-based merging. */
  readonly countChunk: ChunkCounter;
}

const utf8 = new TextEncoder();
/** Built once per encoding, when a counter is created: each rank table takes up to a second to load. */
const encodings = new Map<TiktokenEncodingName, EncodingCounter>();

/** Loads the encoding's rank table now, so the first request does not wait for it. */
export function encodingCounter(name: TiktokenEncodingName): EncodingCounter {
  let counter = encodings.get(name);
  if (counter === undefined) {
    const ranks = name === 'cl100k' ? cl100kBase : o200kBase;
    const encoder = new Tiktoken(ranks);
    // The encoder's own rank table (an internal field of the pinned js-tiktoken version), so both
    // merge paths share one copy; the tests compare the two paths on the same pieces.
    const rankMap = (encoder as unknown as { rankMap: Map<string, number> }).rankMap;
    counter = {
      pieces: new RegExp(ranks.pat_str, 'gu'),
      // Special-token text in user input is counted as plain text, as the providers encode it.
      countShortPieces: (text) => encoder.encode(text, [], []).length,
      countChunk: (chunk) => countBytePairMerges(utf8.encode(chunk), rankMap),
    };
    encodings.set(name, counter);
  }
  return counter;
}

/**
 * Counts `text` as the encoding does, in time linear in its length. The encoding's own pre-tokenizer
 * pattern cuts text into pieces that are merged independently. Stretches of short pieces go to the
 * encoder (a stretch that starts and ends on piece boundaries pre-tokenizes the same on its own,
 * since the pattern looks behind nothing and looks ahead only to end a whitespace run); each long
 * piece is merged by the heap-based counter.
 */
export function countTiktokenTokens(name: TiktokenEncodingName, text: string): number {
  const { pieces, countShortPieces, countChunk } = encodingCounter(name);
  if (!longRunPattern.test(text)) return countShortPieces(text);
  let total = 0;
  let shortFrom = 0;
  for (const match of text.matchAll(pieces)) {
    const piece = match[0];
    if (piece.length * 3 <= maxEncoderPieceBytes || Buffer.byteLength(piece, 'utf8') <= maxEncoderPieceBytes) continue;
    if (match.index > shortFrom) total += countShortPieces(text.slice(shortFrom, match.index));
    total += estimateLongRunTokens(piece, mergeChunkBytes, countChunk);
    shortFrom = match.index + piece.length;
  }
  if (shortFrom < text.length) total += countShortPieces(text.slice(shortFrom));
  return total;
}
