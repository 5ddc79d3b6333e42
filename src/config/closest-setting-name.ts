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
function wordsOf(name: string): Set<string> {
  return new Set(name.replace(/^SWITCHYARD_/, '').split('_'));
}

function sameWords(left: Set<string>, right: Set<string>): boolean {
  return left.size === right.size && [...left].every((word) => right.has(word));
}

/**
 * The declared name an unknown variable most likely meant: the same words in another order, else the
 * fewest edits (ties going to the name sharing most words); undefined when even the closest is too far
 * off to be a misspelling of it (more edits than a third of the name, at least two).
 */
export function closestSettingName(unknown: string, declared: readonly string[]): string | undefined {
  const unknownWords = wordsOf(unknown);
  const reordered = declared.find((name) => sameWords(wordsOf(name), unknownWords));
  if (reordered !== undefined) return reordered;
  const sharedWords = (name: string) => [...wordsOf(name)].filter((word) => unknownWords.has(word)).length;
  const [best] = declared
    .map((name) => ({ name, distance: editDistance(unknown, name), shared: sharedWords(name) }))
    .sort((left, right) => left.distance - right.distance || right.shared - left.shared);
  const allowedEdits = Math.max(2, Math.floor(unknown.replace(/^SWITCHYARD_/, '').length / 3));
  return best !== undefined && best.distance <= allowedEdits ? best.name : undefined;
}
