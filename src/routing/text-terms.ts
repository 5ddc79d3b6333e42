import { identifierAbbreviations, irregularForms, questionAlternates } from './database-vocabulary.js';
import { stemEnglishWord } from './english-stemmer.js';

/**
 * Words shared by nearly every question or schema; they carry no routing signal. A general English
 * list plus question scaffolding ("how many", "list", "show"), written from the language, never
 * from benchmark questions.
 */
const stopwords = new Set(
  (
    'a an the of in on at to for from by with about as into over under and or not no nor but if then than so ' +
    'is are was were be been being am do does did done has have had having can could will would shall should may might must ' +
    'i me my we our you your he him his she her it its they them their this that these those there here ' +
    'what which who whom whose when where why how many much more most less least any all each every some ' +
    'show list give tell find return display get report provide please also only just ' +
    'number count total amount per both other another same such one ones own very too s t ' +
    'id ids'
  ).split(' '),
);

/** Lower-case stem so "singers", "singer's", "ranked" and "sang" meet their base forms; see english-stemmer. */
export function stemWord(word: string): string {
  // The base form is stemmed too, so "became" meets "become" wherever the stemmer takes that word.
  return stemEnglishWord(irregularForms.get(word) ?? word);
}

/** Splits identifiers and prose into lower-case words: camelCase, snake_case, kebab-case and digits. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Index and query terms: split, stemmed, without stopwords and single characters. */
export function routingTerms(text: string): string[] {
  return splitWords(text)
    .filter((word) => word.length > 1 && !stopwords.has(word))
    .map(stemWord);
}

/** Terms of schema identifiers: like routingTerms, with common abbreviations ("dept", "qty") also spelled out. */
export function identifierTerms(text: string): string[] {
  return splitWords(text)
    .flatMap((word) => [word, ...(identifierAbbreviations.get(word) ?? [])])
    .filter((word) => word.length > 1 && !stopwords.has(word))
    .map(stemWord);
}

/** One distinct question term with the attribute words it implies ("oldest" → age, birth). */
export interface QueryTerm {
  /** The stemmed question term. */
  readonly term: string;
  /** Stemmed alternates, matched at a discount. */
  readonly alternates: string[];
  /** Stemmed words a thesaurus relates to the question word, matched at a steeper discount than alternates. */
  readonly relatives?: string[];
}

/**
 * Distinct question terms in order, each with its alternates: the hand-written ones, the words
 * `relatedWords` (a thesaurus) relates to the question word, and, when `isIndexed` says a schema
 * holds it, the two-word compound a question word closes ("high schoolers" → `highschooler`):
 * identifiers glue words, and the compound's head is the word it ends with. The other way round,
 * a question word no schema holds that `joinedWords` finds to be two identifier words run together
 * ("upvotes" for `UpVotes`) counts as those two words.
 */
export function queryTerms(
  question: string,
  relatedWords?: (word: string) => readonly string[],
  isIndexed?: (term: string) => boolean,
  joinedWords?: (word: string) => readonly string[] | undefined,
): QueryTerm[] {
  const byTerm = new Map<string, { alternates: Set<string>; relatives: Set<string> }>();
  let previous: string | undefined;
  // A word no schema holds may be an identifier's words run together; a word some schema holds stays whole.
  const words = splitWords(question).flatMap((word) => (isIndexed?.(stemWord(word)) === false ? (joinedWords?.(word) ?? [word]) : [word]));
  for (const word of words) {
    const before = previous;
    previous = undefined;
    if (stopwords.has(word) || word.length <= 1) continue;
    previous = /^\p{L}+$/u.test(word) ? word : undefined;
    const term = stemWord(word);
    const forms = byTerm.get(term) ?? { alternates: new Set<string>(), relatives: new Set<string>() };
    for (const alternate of questionAlternates.get(word) ?? []) if (stemWord(alternate) !== term) forms.alternates.add(stemWord(alternate));
    if (before !== undefined && previous !== undefined && isIndexed !== undefined) {
      const compound = stemWord(before + word);
      if (compound !== term && isIndexed(compound)) forms.alternates.add(compound);
    }
    for (const relative of relatedWords?.(irregularForms.get(word) ?? word) ?? []) {
      const stem = stemWord(relative);
      if (stem !== term && !forms.alternates.has(stem)) forms.relatives.add(stem);
    }
    byTerm.set(term, forms);
  }
  // A hand-written alternate outranks the same word found by the thesaurus.
  return [...byTerm].map(([term, { alternates, relatives }]) => {
    const thesaurus = [...relatives].filter((relative) => !alternates.has(relative));
    return { term, alternates: [...alternates], ...(thesaurus.length > 0 ? { relatives: thesaurus } : {}) };
  });
}
