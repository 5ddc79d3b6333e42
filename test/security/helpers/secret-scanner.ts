/** Values that must never leave the service for the attacker: PII, hidden rows, file contents. */
export interface SecretValues {
  /** Distinctive strings (hidden-row and file markers), matched case-insensitively anywhere. */
  readonly markers: readonly string[];
  /** Large value sets (every e-mail of a table): candidates are cut out by `shape`, then looked up. */
  readonly valueSets: readonly { readonly label: string; readonly shape: RegExp; readonly values: ReadonlySet<string> }[];
  /**
   * Names of hidden tables: a leak when the service tells them to a client whose SQL did not name them
   * (an auto-completion, a listing, an error's "did you mean").
   */
  readonly hiddenNames: readonly string[];
}

/** The secrets of one case: hidden names the case's SQL itself spells are not secret to its sender. */
export function secretsFor(sql: string, secrets: SecretValues): SecretValues {
  const lower = sql.toLowerCase();
  return { ...secrets, markers: [...secrets.markers, ...secrets.hiddenNames.filter((name) => !lower.includes(name.toLowerCase()))] };
}

/** Returns a description of every secret found in `text` (at most a few, for the failure message). */
export function findSecrets(text: string, secrets: SecretValues): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  for (const marker of secrets.markers) if (lower.includes(marker.toLowerCase())) found.push(marker);
  for (const { label, shape, values } of secrets.valueSets) {
    for (const match of lower.matchAll(new RegExp(shape.source, 'g'))) {
      if (values.has(match[0])) {
        found.push(`${label} ${match[0]}`);
        break;
      }
    }
  }
  return found;
}

/** Regular shape of an e-mail address (lower-case text). */
export const emailShape = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/;

/** Regular shape of a US phone number as the demo writes it. */
export const phoneShape = /\(\d{3}\) \d{3}-\d{4}/;
