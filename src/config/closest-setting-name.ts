/** Edits (insertions, deletions, substitutions) that turn `from` into `to`. */
function editDistance(from: string, to: string): number {
  let previous = Array.from({ length: to.length + 1 }, (_, index) => index);
  for (let row = 1; row <= from.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= to.length; column += 1) {
      const substitution = (previous[column - 1] ?? 0) + (from[row - 1] === to[column - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[to.length] ?? 0;
}

/** Words of a variable name, without the prefix every setting shares. */
function wordsOf(name: string): string[] {
  return name.replace(/^SWITCHYARD_/, '').split('_');
}

/** The same word, or one cut short (DIR for DIRECTORY, EMBEDDING for EMBEDDINGS). */
function sameWord(left: string, right: string): boolean {
  return left === right || (Math.min(left.length, right.length) >= 3 && (left.startsWith(right) || right.startsWith(left)));
}

/**
 * How many of the unknown name's words `name` holds; its first word, which names the area (CACHE,
 * LLM, ROUTING), counts half again, so that a guess stays in the area the operator meant.
 */
function wordScore(unknownWords: readonly string[], name: string): number {
  const words = wordsOf(name);
  return unknownWords.reduce((score, word, index) => score + (words.some((candidate) => sameWord(word, candidate)) ? (index === 0 ? 1.5 : 1) : 0), 0);
}

/**
 * The declared name an unknown variable most likely meant: the fewest edits when that is a plausible
 * misspelling (at most a third of the name, at least two); else the name holding most of its words
 * (reordered, or cut short by a word), at least half of them. Undefined when none fits.
 */
export function closestSettingName(unknown: string, declared: readonly string[]): string | undefined {
  const ranked = declared.map((name) => ({ name, distance: editDistance(unknown, name) })).sort((left, right) => left.distance - right.distance);
  const allowedEdits = Math.max(2, Math.floor(unknown.replace(/^SWITCHYARD_/, '').length / 3));
  if (ranked[0] !== undefined && ranked[0].distance <= allowedEdits) return ranked[0].name;
  const unknownWords = wordsOf(unknown);
  const [best] = ranked
    .map((candidate) => ({ ...candidate, score: wordScore(unknownWords, candidate.name) }))
    .filter((candidate) => candidate.score >= Math.max(1, unknownWords.length / 2))
    .sort((left, right) => right.score - left.score || left.distance - right.distance);
  return best?.name;
}
