import { splitWords, stemWord } from './text-terms.js';

/** Parts shorter than this are too likely to be accidental ("sea" + "son"). */
const minimumPartLength = 3;

/**
 * Splits run-together identifiers such as `countrylanguage` or `flightno` into words the catalog
 * itself uses elsewhere (`country`, `language`), so a question saying "language" finds them. The
 * vocabulary is the schema's own: words that appear separately in some identifier or description.
 * A word that itself appears as a separate part of some identifier is a word, and is never split.
 */
export class CompoundSplitter {
  readonly #parts = new Set<string>();
  readonly #compoundPieces = new Set<string>();
  /** Stem of two adjacent identifier words written as one ("upvot") → the two words (`up`, `votes`). */
  readonly #gluedPairs = new Map<string, readonly [string, string]>();

  /** Learns the vocabulary from identifiers (table and column names) and prose (descriptions). */
  constructor(identifiers: Iterable<string>, prose: Iterable<string>) {
    for (const identifier of identifiers) {
      const words = splitWords(identifier);
      if (words.length < 2) continue;
      for (const word of words) {
        if (word.length >= minimumPartLength) this.#parts.add(word);
        this.#compoundPieces.add(word);
      }
      for (let index = 1; index < words.length; index += 1) {
        const [head, tail] = [words[index - 1]!, words[index]!];
        // One-letter parts (`IgG`, `h_l`) are initials, not words a question would run together.
        if (head.length > 1 && tail.length > 1 && /^\p{L}+$/u.test(head + tail)) this.#gluedPairs.set(stemWord(head + tail), [head, tail]);
      }
    }
    for (const text of prose) for (const word of splitWords(text)) if (word.length >= minimumPartLength && /^\p{L}+$/u.test(word)) this.#parts.add(word);
  }

  /**
   * The two words of an identifier that a question wrote as one ("upvotes" for `UpVotes`), or
   * undefined when no identifier joins two words that way.
   */
  joined(word: string): readonly [string, string] | undefined {
    return this.#gluedPairs.get(stemWord(word));
  }

  /** The two parts of a run-together word, or an empty list when it is a word of its own. */
  split(word: string): string[] {
    if (word.length < 2 * minimumPartLength || this.#compoundPieces.has(word)) return [];
    let best: string[] = [];
    let bestShorter = 0;
    for (let cut = minimumPartLength; cut <= word.length - minimumPartLength; cut += 1) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      const shorter = Math.min(head.length, tail.length);
      // The most balanced split wins: "countrylanguage" → country + language, not count + rylanguage.
      if (shorter > bestShorter && this.#parts.has(head) && this.#parts.has(tail)) {
        best = [head, tail];
        bestShorter = shorter;
      }
    }
    return best;
  }
}
