/** The usual RRF constant (Cormack et al. 2009): damps the weight of the very first ranks. */
const fusionConstant = 60;

/**
 * Reciprocal rank fusion: each list votes 1/(k + rank) for its items. Rank-based, so lexical BM25
 * scores and cosine similarities need no common scale.
 */
export function reciprocalRankFusion(rankings: string[][]): Map<string, number> {
  const fused = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((item, rank) => fused.set(item, (fused.get(item) ?? 0) + 1 / (fusionConstant + rank + 1)));
  }
  return fused;
}
