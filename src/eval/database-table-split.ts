/** One database's tables divided between two sources. */
export interface TableSplit {
  /** Tables kept in the first source (the database's own file), in the database's order. */
  readonly first: string[];
  /** Tables moved to the second source, in the database's order. */
  readonly second: string[];
}

/** Tables of a database this many at most are split by trying every division; more fall back to alternation. */
const exhaustiveTableLimit = 16;

/** How many of the questions (each a set of table names) read tables on both sides of `second`. */
function spanning(questions: readonly ReadonlySet<string>[], second: ReadonlySet<string>): number {
  let count = 0;
  for (const tables of questions) {
    let inSecond = 0;
    for (const table of tables) if (second.has(table)) inSecond += 1;
    if (inSecond > 0 && inSecond < tables.size) count += 1;
  }
  return count;
}

/**
 * Divides a database's tables between two sources so that as many of its questions as possible read
 * tables of both (a maximum cut of the tables the questions read together), deterministically: every
 * division is tried, the first table always stays in the first source, and of equally good divisions
 * the one moving the fewest tables, then the earliest in table order, wins. Tables no question reads
 * stay in the first source. Past `exhaustiveTableLimit` tables, the tables questions read alternate.
 */
export function splitTables(tables: readonly string[], questions: readonly ReadonlySet<string>[]): TableSplit {
  const read = tables.filter((table) => questions.some((question) => question.has(table)));
  let best: { second: Set<string>; count: number } = { second: new Set(read.filter((_, index) => index % 2 === 1)), count: -1 };
  if (read.length <= exhaustiveTableLimit) {
    // Bit i of a mask moves read[i + 1]; read[0] stays in the first source, so each division is tried once.
    for (let mask = 1; mask < 2 ** Math.max(0, read.length - 1); mask += 1) {
      const second = new Set(read.slice(1).filter((_, index) => (mask >> index) & 1));
      const count = spanning(questions, second);
      if (count > best.count || (count === best.count && second.size < best.second.size)) best = { second, count };
    }
  }
  return { first: tables.filter((table) => !best.second.has(table)), second: tables.filter((table) => best.second.has(table)) };
}
