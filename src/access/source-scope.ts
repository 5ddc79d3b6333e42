import type { CatalogSource } from '../catalog/catalog-types.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GuardRequest, GuardVerdict, SqlGuard } from '../guard/sql-guard.js';

function forbidden(source: string, client: string | undefined): SwitchyardError {
  return new SwitchyardError('SWY_ERR_FORBIDDEN', `This API key may not query source "${source}"`, {
    details: { source, ...(client === undefined ? {} : { client }) },
  });
}

/**
 * How far ahead of every allowed source a forbidden one must score before a question counts as
 * outside the key's scope. Common words give allowed sources small scores on any question (a sales
 * source scores about a fifth of HR's on "average salary by department"); a question both could hold
 * is still tried on the allowed sources.
 */
const outsideScopeRatio = 4;

/** The sources one client may query; every check raises SWY_ERR_FORBIDDEN (403) naming the source. */
export class SourceScope {
  readonly #allowed: ReadonlySet<string> | undefined;
  readonly #client: string | undefined;

  /** `allowed` undefined means every source (auth off, or a key with `"sources": "*"`). */
  constructor(allowed: ReadonlySet<string> | undefined, client?: string) {
    this.#allowed = allowed;
    this.#client = client;
  }

  /** Whether the client may query `source`. */
  allows(source: string): boolean {
    return this.#allowed === undefined || this.#allowed.has(source);
  }

  /** Throws 403 when the client may not query `source`. */
  assertAllowed(source: string): void {
    if (!this.allows(source)) throw forbidden(source, this.#client);
  }

  /**
   * Refuses a question whose best lexical match is a source this client may not use, far ahead of
   * any it may: the client is told plainly that none of its sources holds this, never which source
   * does, rather than getting SQL written against tables that cannot answer it.
   */
  assertQuestionWithin(rank: () => readonly { readonly source: string; readonly score: number }[]): void {
    // An unrestricted key reaches every source: no ranking is computed for it.
    if (this.#allowed === undefined) return;
    const ranking = rank();
    const best = ranking[0];
    if (best === undefined || this.allows(best.source)) return;
    const bestAllowed = ranking.find((entry) => this.allows(entry.source))?.score ?? 0;
    if (bestAllowed * outsideScopeRatio >= best.score) return;
    throw new SwitchyardError(
      'SWY_ERR_OUTSIDE_KEY_SCOPE',
      'None of the sources this API key may use holds what this question asks about. GET /sources lists the sources the key may use; ask an administrator if you need another.',
      { details: this.#client === undefined ? {} : { client: this.#client } },
    );
  }

  /** A stable description of the scope, part of cache keys so clients never share answers across scopes. */
  get cacheKeyPart(): string {
    return this.#allowed === undefined ? '*' : [...this.#allowed].sort().join(',');
  }

  /**
   * A step of the SQL check after the guard refused a statement for an unknown table: the statement is
   * checked again with the forbidden sources' tables (qualified by source name) allowed, and if that
   * second look finds one of them the request ends with 403 instead of a repair loop.
   */
  assertNoForbiddenTable(guard: SqlGuard, request: GuardRequest, verdict: GuardVerdict, sources: readonly CatalogSource[]): void {
    if (verdict.allowed || verdict.rule !== 'unknown-table') return;
    const forbiddenSources = sources.filter((source) => !this.allows(source.name));
    if (forbiddenSources.length === 0) return;
    const forbiddenTables = forbiddenSources.flatMap((source) => source.tables.map((table) => `${source.name}.${table.name}`));
    const forbiddenNames = new Set(forbiddenSources.map((source) => source.name.toLowerCase()));
    // The second look only asks which tables the statement reaches; a PII column it also reads must not
    // hide that a forbidden source was named, so the protected columns are left out of it.
    const { protectedColumns: _protected, ...tablesOnly } = request;
    const widened = guard.check({ ...tablesOnly, allowedTables: [...request.allowedTables, ...forbiddenTables] });
    const reached = widened.allowed ? widened.tables.find((table) => forbiddenNames.has(table.split('.')[0]?.toLowerCase() ?? '')) : undefined;
    if (reached !== undefined) throw forbidden(reached.split('.')[0] ?? reached, this.#client);
  }
}
