import { GuardRejection } from './guard-rejection.js';
import type { ExistingLimit } from './statement-analysis.js';

/** How a rewrite was made; verification is stricter for some. */
export type RewriteKind = 'append' | 'replace' | 'wrap';

/** Re-parses a rewritten statement and reports its top-level limit; throws when it is no longer one query. */
export type LimitReader = (sql: string, kind: RewriteKind) => ExistingLimit;

/** The statement to run and whether the guard changed its limit. */
export interface RowLimitResult {
  /** SQL to execute. */
  sql: string;
  /** True when a LIMIT was added or tightened. */
  limitApplied: boolean;
}

/** What may stand where the guard writes its own count: the literal being tightened, or the word that lifts the limit. */
const replaceableCount = { literal: /^[0-9]+/u, unbounded: /^(?:all|null)(?![a-z0-9_$])/iu };

function replaceCount(statement: string, byteStart: number, token: RegExp, rowLimit: number): string | undefined {
  const bytes = Buffer.from(statement, 'utf8');
  const written = token.exec(bytes.subarray(byteStart, byteStart + 32).toString('latin1'))?.[0];
  if (written === undefined) return undefined;
  return Buffer.concat([
    bytes.subarray(0, byteStart),
    Buffer.from(String(rowLimit), 'utf8'),
    bytes.subarray(byteStart + written.length),
  ]).toString('utf8');
}

/** Whether a limit the parser read bounds the rows to `rowLimit`; a negative count means no limit to SQLite. */
function isWithin(limit: ExistingLimit, rowLimit: number): boolean {
  return limit.kind === 'literal' && limit.value >= 0 && limit.value <= rowLimit;
}

/**
 * Ensures the top-level query returns at most `rowLimit` rows, keeping ORDER BY semantics where the text
 * allows: no limit → append `LIMIT n` after a newline (so a trailing `--` comment cannot swallow it);
 * a larger literal, or LIMIT ALL → write n in its place; anything else (expressions, WITH TIES, TOP,
 * ambiguous set-operation limits) → wrap as `SELECT * FROM (…) AS capped LIMIT n`. Every rewrite is
 * re-parsed and must still be one query whose top-level limit is ≤ n, otherwise the SQL is rejected.
 */
export function applyRowLimit(
  statement: string,
  existing: ExistingLimit,
  rowLimit: number,
  readLimit: LimitReader,
): RowLimitResult {
  if (isWithin(existing, rowLimit)) return { sql: statement, limitApplied: false };
  const candidates: { sql: string | undefined; kind: RewriteKind }[] = [];
  if (existing.kind === 'none') candidates.push({ sql: `${statement}\nLIMIT ${rowLimit}`, kind: 'append' });
  if (existing.kind === 'literal' && existing.byteStart !== undefined) {
    candidates.push({ sql: replaceCount(statement, existing.byteStart, replaceableCount.literal, rowLimit), kind: 'replace' });
  }
  if (existing.kind === 'unbounded') {
    candidates.push({ sql: replaceCount(statement, existing.byteStart, replaceableCount.unbounded, rowLimit), kind: 'replace' });
  }
  candidates.push({ sql: `SELECT * FROM (\n${statement}\n) AS capped\nLIMIT ${rowLimit}`, kind: 'wrap' });
  for (const candidate of candidates) {
    if (candidate.sql === undefined) continue;
    let limit: ExistingLimit;
    try {
      limit = readLimit(candidate.sql, candidate.kind);
    } catch {
      continue;
    }
    if (isWithin(limit, rowLimit)) return { sql: candidate.sql, limitApplied: true };
  }
  throw new GuardRejection('row-limit', `The guard could not add a LIMIT of ${rowLimit} rows to this query safely.`);
}
