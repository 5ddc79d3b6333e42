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

function replaceLiteral(statement: string, byteStart: number, rowLimit: number): string | undefined {
  const bytes = Buffer.from(statement, 'utf8');
  const digits = /^[0-9]+/u.exec(bytes.subarray(byteStart, byteStart + 32).toString('latin1'))?.[0];
  if (digits === undefined) return undefined;
  return Buffer.concat([
    bytes.subarray(0, byteStart),
    Buffer.from(String(rowLimit), 'utf8'),
    bytes.subarray(byteStart + digits.length),
  ]).toString('utf8');
}

/**
 * Ensures the top-level query returns at most `rowLimit` rows, keeping ORDER BY semantics where the text
 * allows: no limit → append `LIMIT n` after a newline (so a trailing `--` comment cannot swallow it);
 * a larger literal → replace that literal in place; anything else (LIMIT ALL, expressions, WITH TIES,
 * TOP, ambiguous set-operation limits) → wrap as `SELECT * FROM (…) AS capped LIMIT n`. Every rewrite is
 * re-parsed and must still be one query whose top-level limit is ≤ n, otherwise the SQL is rejected.
 */
export function applyRowLimit(
  statement: string,
  existing: ExistingLimit,
  rowLimit: number,
  readLimit: LimitReader,
): RowLimitResult {
  if (existing.kind === 'literal' && existing.value <= rowLimit) return { sql: statement, limitApplied: false };
  const candidates: { sql: string | undefined; kind: RewriteKind }[] = [];
  if (existing.kind === 'none') candidates.push({ sql: `${statement}\nLIMIT ${rowLimit}`, kind: 'append' });
  if (existing.kind === 'literal' && existing.byteStart !== undefined) {
    candidates.push({ sql: replaceLiteral(statement, existing.byteStart, rowLimit), kind: 'replace' });
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
    if (limit.kind === 'literal' && limit.value <= rowLimit) return { sql: candidate.sql, limitApplied: true };
  }
  throw new GuardRejection('row-limit', `The guard could not add a LIMIT of ${rowLimit} rows to this query safely.`);
}
