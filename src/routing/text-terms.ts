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

/** Lower-case stem so "singers", "singer" and "singer's" meet; deliberately light to stay predictable. */
export function stemWord(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ches') || word.endsWith('shes') || word.endsWith('xes')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
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
