/** One candidate source as the slot allocation sees it. */
export interface SourceOption {
  /** Estimated probability that the question is about this source (only ratios between options matter). */
  readonly likelihood: number;
  /** Per table in hand-over order (best first): estimated probability that the question needs it. */
  readonly needs: readonly number[];
}

/** One granted slot: a table of one option. */
export interface GrantedSlot {
  /** Position of the option in the allocation's input. */
  readonly option: number;
  /** Position of the table in the option's hand-over order. */
  readonly position: number;
}

/**
 * Chance that the first `count` tables of an option hold every table the question needs, for each
 * count from 0: no table is needed past the prefix (needs taken as independent), and showing no
 * table covers nothing.
 */
function prefixCoverage(needs: readonly number[]): number[] {
  const coverage = new Array<number>(needs.length + 1).fill(0);
  let rest = 1;
  for (let count = needs.length; count >= 1; count -= 1) {
    coverage[count] = rest;
    rest *= 1 - Math.min(1, Math.max(0, needs[count - 1]!));
  }
  return coverage;
}

/**
 * Shares `slots` table slots among candidate sources to maximise the chance that the right source
 * is shown with every table the question needs: the sum over options of likelihood × coverage of the
 * tables granted to it. Each option is granted a prefix of its tables; an exact knapsack (slots and
 * options are few) rather than greedy, because a join's second table can be worth more than the
 * first alone. Returns the granted slots in priority order, most valuable first and every option's
 * tables in their own order, so trimming from the end (for a token budget) drops the least useful.
 */
export function allocateSlots(options: readonly SourceOption[], slots: number): GrantedSlot[] {
  const coverages = options.map((option) => prefixCoverage(option.needs));
  // best[used] = best total with `used` slots over the options seen so far; counts[option][used] = its share.
  let best = new Array<number>(slots + 1).fill(0);
  const counts: number[][] = [];
  options.forEach((option, index) => {
    const coverage = coverages[index]!;
    const next = new Array<number>(slots + 1).fill(Number.NEGATIVE_INFINITY);
    const share = new Array<number>(slots + 1).fill(0);
    for (let used = 0; used <= slots; used += 1) {
      for (let count = 0; count <= Math.min(option.needs.length, used); count += 1) {
        const value = best[used - count]! + option.likelihood * coverage[count]!;
        // Strictly better only: on a tie the earlier (better ranked) options keep the slots.
        if (value > next[used]!) {
          next[used] = value;
          share[used] = count;
        }
      }
    }
    counts.push(share);
    best = next;
  });

  const granted = new Array<number>(options.length).fill(0);
  let remaining = slots;
  for (let index = options.length - 1; index >= 0; index -= 1) {
    granted[index] = counts[index]![remaining]!;
    remaining -= granted[index]!;
  }

  // A table's priority is the smallest gain of its prefix, so an option's tables stay in their order.
  const ranked: { slot: GrantedSlot; priority: number }[] = [];
  options.forEach((option, index) => {
    const coverage = coverages[index]!;
    let priority = Number.POSITIVE_INFINITY;
    for (let position = 0; position < granted[index]!; position += 1) {
      priority = Math.min(priority, option.likelihood * (coverage[position + 1]! - coverage[position]!));
      ranked.push({ slot: { option: index, position }, priority });
    }
  });
  // Stable sort: equal priorities keep option order, then table order.
  return ranked.sort((left, right) => right.priority - left.priority).map((item) => item.slot);
}
