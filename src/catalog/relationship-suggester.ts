import type { CatalogRelationship, CatalogSource, ColumnReference } from './catalog-types.js';
import { relationshipPairKey } from './declared-relationships.js';
import { keyColumnsOf, nameCandidates, type KeyColumn, type NameCandidate } from './relationship-name-match.js';
import type { RelationshipValueProbe } from './relationship-value-probe.js';

/** Candidate pairs probed per build at most, strongest name matches first; each costs up to four bounded reads. */
export const maxProbedCandidates = 200;
/** Share of the sampled `from` values that `to` must hold. */
const minimumContainment = 0.9;
/** A column with fewer distinct values proves nothing by overlapping. */
const minimumSampledValues = 3;

/** A direction of a candidate that the values bear out. */
interface Confirmed {
  readonly relationship: CatalogRelationship;
  readonly containment: number;
  readonly strength: number;
}

const strengthOf: Record<NameCandidate['nameMatch'], number> = { 'table-qualified': 3, 'same-name': 2, suffix: 1 };

function reference(column: KeyColumn): ColumnReference {
  return { source: column.source, table: column.table, column: column.column };
}

function better(left: Confirmed, right: Confirmed): boolean {
  return left.containment > right.containment || (left.containment === right.containment && left.strength > right.strength);
}

/** The candidate in one direction, when the sampled values of `from` are (nearly) all in `to` and unique there. */
async function confirm(probe: RelationshipValueProbe, from: KeyColumn, to: KeyColumn, candidate: NameCandidate): Promise<Confirmed | undefined> {
  try {
    const { sampled, found, uniqueThere } = await probe.containment(from, to);
    const containment = sampled === 0 ? 0 : found / sampled;
    if (sampled < minimumSampledValues || containment < minimumContainment || !uniqueThere) return undefined;
    const evidence = { nameMatch: candidate.nameMatch, containment: Math.round(containment * 1000) / 1000, sampledValues: sampled };
    return { relationship: { from: reference(from), to: reference(to), origin: 'suggested', evidence }, containment, strength: strengthOf[candidate.nameMatch] };
  } catch {
    // A probe that fails (timeout, permissions) is no evidence either way; the catalog build goes on.
    return undefined;
  }
}

/**
 * Join keys between sources that nobody declared: columns of two sources whose names match
 * (relationship-name-match.ts) and types are of one class, where the smallest distinct values of one
 * column are (at least 90 %) found in the other and occur there once each, so the other column acts
 * as a key. Unrelated columns that share a generic name (two `id`s) are never paired, however much
 * their values overlap. Each referencing column keeps its best key per other source; pairs already
 * declared are not suggested again. Only the sources `probe` may read take part.
 */
export async function suggestRelationships(
  sources: readonly CatalogSource[],
  probe: RelationshipValueProbe,
  declared: readonly CatalogRelationship[],
): Promise<CatalogRelationship[]> {
  const declaredPairs = new Set(declared.map(relationshipPairKey));
  const columns = keyColumnsOf(sources.filter((source) => source.status.healthy)).filter((column) => probe.canProbe(column));
  const candidates = nameCandidates(columns, maxProbedCandidates + declaredPairs.size)
    .filter((candidate) => !declaredPairs.has(relationshipPairKey({ from: candidate.left, to: candidate.right })))
    .slice(0, maxProbedCandidates);
  const best = new Map<string, Confirmed>();
  for (const candidate of candidates) {
    for (const [from, to] of [[candidate.left, candidate.right], [candidate.right, candidate.left]] as const) {
      const confirmed = await confirm(probe, from, to, candidate);
      if (confirmed === undefined) continue;
      // One key per referencing column and other source: `adjuster_emp_no` refers to employees.emp_no, not also to a second copy of it.
      const slot = `${from.source}.${from.table}.${from.column} ${to.source}`.toLowerCase();
      const kept = best.get(slot);
      if (kept === undefined || better(confirmed, kept)) best.set(slot, confirmed);
    }
  }
  // A one-to-one pair is confirmed both ways; it is kept once, in its better direction.
  const byPair = new Map<string, Confirmed>();
  for (const confirmed of best.values()) {
    const key = relationshipPairKey(confirmed.relationship);
    const kept = byPair.get(key);
    if (kept === undefined || better(confirmed, kept)) byPair.set(key, confirmed);
  }
  return [...byPair.values()]
    .map((confirmed) => confirmed.relationship)
    .sort((left, right) => relationshipPairKey(left).localeCompare(relationshipPairKey(right)));
}
