import { parseSync } from 'libpg-query';
import type { SqlDialectProfile } from '../dialects/sql-dialect-profile.js';
import { GuardRejection } from './guard-rejection.js';

/** Whether some query block of a libpg-query parse tree keeps ties past its row count. */
function hasLimitWithTies(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasLimitWithTies);
  if (node === null || typeof node !== 'object') return false;
  if ((node as { limitOption?: unknown }).limitOption === 'LIMIT_OPTION_WITH_TIES') return true;
  return Object.values(node).some(hasLimitWithTies);
}

/**
 * Refuses syntax that PostgreSQL's grammar accepts but the engine behind the dialect does not. An engine
 * read with PostgreSQL's parser (DuckDB) would otherwise refuse the statement only after the guard
 * allowed it, as an engine error; here the model is told what to write instead. The profile says whether
 * the engine has `FETCH FIRST n ROWS WITH TIES` (and `LIMIT n WITH TIES`), in any query block.
 */
export function assertEngineGrammar(dialect: SqlDialectProfile, sql: string): void {
  const { grammar, displayName } = dialect;
  // Most statements never say TIES: they pay for no second parse.
  if (grammar.parser !== 'libpg-query' || grammar.limitWithTies || !/ties/iu.test(sql)) return;
  if (!hasLimitWithTies(parseSync(sql))) return;
  throw new GuardRejection(
    'parse-error',
    `The SQL is not valid ${displayName} SQL: ${displayName} has no FETCH FIRST … WITH TIES. Write ORDER BY … LIMIT n, ` +
      'or keep the ties by filtering on rank() OVER (ORDER BY …) <= n in a subquery.',
  );
}
