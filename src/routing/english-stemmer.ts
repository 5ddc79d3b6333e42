/**
 * A light English stemmer: plural endings, step 1b of Porter (1980) for "-ed" / "-ing" verb forms
 * and Porter's step 5a for a final "e", so "ranked", "ranking" and "ranks" meet at "rank",
 * "located" / "locates" at "locat", and "superheroes" / "superhero" or "bonuses" / "bonus" (whose
 * plural keeps an "e" the singular lacks) at one stem. Deliberately stops there: full Porter
 * conflates too much for short schema identifiers.
 */
const vowels = new Set(['a', 'e', 'i', 'o', 'u']);

function isConsonant(word: string, index: number): boolean {
  const letter = word[index]!;
  if (vowels.has(letter)) return false;
  if (letter === 'y') return index === 0 || !isConsonant(word, index - 1);
  return true;
}

/** Porter's measure m: the number of vowel-consonant sequences in the stem. */
function measure(stem: string): number {
  let count = 0;
  let previousVowel = false;
  for (let index = 0; index < stem.length; index += 1) {
    const consonant = isConsonant(stem, index);
    if (consonant && previousVowel) count += 1;
    previousVowel = !consonant;
  }
  return count;
}

function hasVowel(stem: string): boolean {
  for (let index = 0; index < stem.length; index += 1) if (!isConsonant(stem, index)) return true;
  return false;
}

/** Consonant-vowel-consonant ending whose last consonant is not w, x or y ("hop", not "snow"). */
function endsConsonantVowelConsonant(stem: string): boolean {
  const last = stem.length - 1;
  if (last < 2) return false;
  return isConsonant(stem, last) && !isConsonant(stem, last - 1) && isConsonant(stem, last - 2) && !'wxy'.includes(stem[last]!);
}

function stripVerbEnding(word: string): string {
  if (word.endsWith('eed')) return measure(word.slice(0, -3)) > 0 ? word.slice(0, -1) : word;
  const suffix = word.endsWith('ed') ? 2 : word.endsWith('ing') ? 3 : 0;
  if (suffix === 0) return word;
  const stem = word.slice(0, -suffix);
  if (stem.length < 2 || !hasVowel(stem)) return word;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  const last = stem[stem.length - 1]!;
  if (last === stem[stem.length - 2] && isConsonant(stem, stem.length - 1) && !'lsz'.includes(last)) return stem.slice(0, -1);
  if (measure(stem) === 1 && endsConsonantVowelConsonant(stem)) return `${stem}e`;
  return stem;
}

function stripPlural(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ches') || word.endsWith('shes') || word.endsWith('xes') || word.endsWith('zzes')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Porter's step 5a: drops a final "e" from a long enough stem, but not from "rate" or "date" (consonant-vowel-consonant before it). */
function stripFinalE(word: string): string {
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const stemMeasure = measure(stem);
  return stemMeasure > 1 || (stemMeasure === 1 && !endsConsonantVowelConsonant(stem)) ? stem : word;
}

/** Lower-case stem of one lower-case word; words of three letters or fewer are kept as they are. */
export function stemEnglishWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const singular = stripPlural(word);
  return stripFinalE(singular.length <= 4 ? singular : stripVerbEnding(singular));
}
