// Source names never hold `+` (the sources-file schema allows `[a-z0-9_-]` only), so the join is unambiguous.
const separator = '+';

/** How an answer names its sources: one source's name, or a federated answer's names joined with `+`. */
export function answerSourceName(sources: readonly string[]): string {
  return sources.join(separator);
}

/** The sources an answer's `source` names: one, or every source of a federated answer. */
export function answerSourceNames(name: string): string[] {
  return name.split(separator);
}
