import type { GuardRule } from '../src/guard/guard-rejection.js';
import type { ReplyDialect } from './bird-empty-schema.js';

/** Counts of one model in one dialect. */
export interface ReplyCounts {
  /** Replies read. */
  replies: number;
  /** Replies holding exactly one statement. */
  extracted: number;
  /** Replies holding several statements (refused together, repair asks for one). */
  several: number;
  /** Replies holding no SQL. */
  none: number;
  /** Single statements seen as cut off, never sent on. */
  truncated: number;
  /** Of those, how many the guard alone would have let through. */
  truncatedGuardWouldAllow: number;
  /** Of those, how many the engine prepares (a bare `SELECT` in PostgreSQL, or a statement wrongly seen as cut). */
  truncatedEngineValid: number;
  /** Statements the guard accepted. */
  accepted: number;
  /** Accepted statements the engine could not prepare (the database's error would start a repair). */
  acceptedEngineInvalid: number;
  /** Accepted statements the engine says stop early: cut-off statements that would have run. */
  truncatedAccepted: number;
  /** Statements the guard refused. */
  refused: number;
  /** Refusals that get a repair turn (several statements included). */
  refusedRepairable: number;
  /** Refused statements the engine prepares: false refusals. */
  falseRefusals: number;
}

/** One false refusal, for attribution. */
export interface FalseRefusalSample {
  /** File and reply key. */
  readonly where: string;
  /** The guard's reason. */
  readonly reason: string;
  /** The statement. */
  readonly sql: string;
}

const samplesPerCause = 3;

/** Names the syntax behind a false refusal, so each can be attributed to the guard change that lifts it. */
export function falseRefusalCause(dialect: ReplyDialect, rule: GuardRule, sql: string): string {
  if (dialect === 'mysql' && /\\['"]/.test(sql)) return 'mysql: backslash escape in a string';
  if (dialect === 'mysql' && /having[\s\S]*'\s*-\s*[\w.]+\s+is\s+(?:not\s+)?null/i.test(sql)) return "mysql: HAVING … 'x' - column IS NULL";
  if (dialect === 'sqlite' && /\[[^\]'"\n]+\]/.test(sql)) return 'sqlite: [bracket] identifier';
  if (dialect === 'sqlite' && /`/.test(sql)) return 'sqlite: `backtick` identifier';
  const keywordColumn = /\b(virtual|rank)\s*(?:=|<>|!=|\bin\b)/i.exec(sql);
  if (dialect === 'mysql' && rule === 'parse-error' && keywordColumn !== null) return `mysql: column named ${(keywordColumn[1] as string).toLowerCase()} (a keyword of the parser)`;
  if (rule === 'unlisted-function' && /\(\s*select\s*\(/i.test(sql)) return `${dialect}: scalar subquery "(SELECT (…) …)" read as a function SELECT()`;
  return `${dialect}: other ${rule}`;
}

function emptyCounts(): ReplyCounts {
  return { replies: 0, extracted: 0, several: 0, none: 0, truncated: 0, truncatedGuardWouldAllow: 0, truncatedEngineValid: 0, accepted: 0, acceptedEngineInvalid: 0,
    truncatedAccepted: 0, refused: 0, refusedRepairable: 0, falseRefusals: 0 };
}

/** Counts per model and dialect, and false refusals by cause. */
export class ReplyTally {
  readonly #rows = new Map<string, ReplyCounts & { model: string; dialect: ReplyDialect }>();
  readonly #causes = new Map<string, { count: number; samples: FalseRefusalSample[] }>();

  /** The counts of `model` in `dialect`, created empty on first use. */
  row(model: string, dialect: ReplyDialect): ReplyCounts {
    const key = `${model}\u0000${dialect}`;
    let row = this.#rows.get(key);
    if (row === undefined) {
      row = { model, dialect, ...emptyCounts() };
      this.#rows.set(key, row);
    }
    return row;
  }

  /** Records a false refusal under its cause. */
  falseRefusal(cause: string, sample: FalseRefusalSample): void {
    const entry = this.#causes.get(cause) ?? { count: 0, samples: [] };
    entry.count += 1;
    if (entry.samples.length < samplesPerCause) entry.samples.push(sample);
    this.#causes.set(cause, entry);
  }

  /** Prints the table, the causes with samples, and the final JSON line. */
  print(skipped: string[], seconds: number): void {
    const columns = ['replies', 'extracted', 'several', 'none', 'truncated', 'accepted', 'refused', 'refusedRepairable', 'falseRefusals', 'truncatedAccepted'] as const;
    const header = ['model'.padEnd(40), 'dialect'.padEnd(9), ...columns.map((column) => column.padStart(column.length + 1))];
    console.log(header.join(''));
    const totals = emptyCounts();
    for (const row of this.#rows.values()) {
      console.log([row.model.padEnd(40), row.dialect.padEnd(9), ...columns.map((column) => String(row[column]).padStart(column.length + 1))].join(''));
      for (const key of Object.keys(totals) as (keyof ReplyCounts)[]) totals[key] += row[key];
    }
    console.log(['total'.padEnd(40), ''.padEnd(9), ...columns.map((column) => String(totals[column]).padStart(column.length + 1))].join(''));
    console.log(
      `cut-off statements the guard alone would have run: ${totals.truncatedGuardWouldAllow}; that the engine prepares: ${totals.truncatedEngineValid}; ` +
        `accepted statements the engine refuses: ${totals.acceptedEngineInvalid}`,
    );
    const causes = [...this.#causes.entries()].sort((left, right) => right[1].count - left[1].count);
    console.log(`false refusals by cause (${totals.falseRefusals}):`);
    for (const [cause, entry] of causes) {
      console.log(`  ${String(entry.count).padStart(5)}  ${cause}`);
      for (const sample of entry.samples) console.log(`         [${sample.where}] ${sample.reason.slice(0, 160)}\n           ${sample.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    for (const reason of skipped) console.log(`[skip] ${reason}`);
    console.log(
      JSON.stringify({
        ...totals,
        falseRefusalsByCause: Object.fromEntries(causes.map(([cause, entry]) => [cause, entry.count])),
        skippedDialects: skipped,
        seconds: Number(seconds.toFixed(1)),
      }),
    );
  }
}
