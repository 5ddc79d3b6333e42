/**
 * Tokens of one unbroken run of text (letters, digits, one emoji repeated, punctuation) far longer
 * than any real word: a DNA sequence or an encoded blob in an ordinary result cell. Tokenizers merge a
 * piece as a whole, at a cost that grows faster than its length, so one such value of 12,000 letters
 * held the event loop for seconds. The run is counted in chunks of at most `maxChunkBytes` UTF-8
 * bytes instead, each at a bounded cost, so the whole run costs time linear in its length.
 *
 * The result is an estimate, and deliberately a high one: a token of the exact encoding can only be
 * split by a cut, never joined across it, so each cut adds at most about one token; one token per
 * cut is added on top so the sum does not fall under the exact count. It is capped at the run's
 * UTF-8 byte length (plus a dummy-prefix token when the run starts the text), because every
 * tokenizer here spends at least one byte per token, so the exact count can never be higher than
 * that either. Only runs far longer than any real word are estimated; ordinary text is counted exactly.
 *
 * `countChunk` counts one chunk exactly; `leading` is true only for the first chunk of a run that
 * starts the text, where SentencePiece adds its dummy prefix.
 */
export function estimateLongRunTokens(run: string, maxChunkBytes: number, countChunk: ChunkCounter, startsText = false): number {
  let total = 0;
  let chunks = 0;
  let bytes = 0;
  for (const chunk of utf8BoundedChunks(run, maxChunkBytes)) {
    total += rememberedCount(chunk, startsText && chunks === 0, countChunk);
    bytes += Buffer.byteLength(chunk, 'utf8');
    chunks += 1;
  }
  return Math.min(total + Math.max(0, chunks - 1), bytes + (startsText ? 1 : 0));
}

/** Counts one chunk exactly; `leading` marks the chunk that starts the text. */
export type ChunkCounter = (chunk: string, leading: boolean) => number;

/** Cuts `text` into consecutive pieces of at most `maxBytes` UTF-8 bytes, never inside a code point. */
export function* utf8BoundedChunks(text: string, maxBytes: number): Generator<string> {
  let start = 0;
  let bytes = 0;
  for (let index = 0; index < text.length; ) {
    const code = text.codePointAt(index) as number;
    const units = code > 0xffff ? 2 : 1;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code <= 0xffff ? 3 : 4;
    if (bytes + width > maxBytes && index > start) {
      yield text.slice(start, index);
      start = index;
      bytes = 0;
    }
    bytes += width;
    index += units;
  }
  if (start < text.length) yield text.slice(start);
}

/**
 * Chunks of a long run repeat whenever the run does (one letter a million times, a repeated motif),
 * so their counts are remembered; the memory is bounded by clearing it when it fills.
 */
const chunkCounts = new WeakMap<ChunkCounter, Map<string, number>>();
const rememberedChunkLimit = 1024;

function rememberedCount(chunk: string, leading: boolean, countChunk: ChunkCounter): number {
  let counts = chunkCounts.get(countChunk);
  if (counts === undefined) {
    counts = new Map();
    chunkCounts.set(countChunk, counts);
  }
  const key = `${leading ? '1' : '0'}${chunk}`;
  const known = counts.get(key);
  if (known !== undefined) return known;
  if (counts.size >= rememberedChunkLimit) counts.clear();
  const count = countChunk(chunk, leading);
  counts.set(key, count);
  return count;
}
