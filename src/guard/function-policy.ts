import type { FunctionDenial } from '../dialects/function-denial.js';
import type { FunctionPosition } from '../dialects/function-allow-list.js';
import type { SqlDialectProfile } from '../dialects/sql-dialect-profile.js';
import { GuardRejection, type GuardRule } from './guard-rejection.js';
import { sqlSyntaxForms } from './sql-syntax-forms.js';

/*
 * Two lists per dialect, both in its profile. The allow-list (dialects/<dialect>/<dialect>-function-list.ts)
 * names every function the guard accepts, by position (expression or FROM item) and category; anything else,
 * user-defined functions and macros included, is refused as `unlisted-function`, which a model can repair and
 * an operator can lift for one source in its overlay. The denial groups name what is never allowed, not even
 * by an overlay: functions whose arguments name relations or files, that run SQL from a string, change engine
 * state, sleep or lock, or disclose the server and session; they get their own rule so the audit log shows
 * an attack as one. Names are compared after the parser resolved quoting, comments and qualification, and
 * after Unicode compatibility folding (NFKC) with invisible format characters removed, so
 * `"PG_READ_FILE"`, `pg_catalog.pg_read_file/**\/(` and fullwidth look-alikes all resolve to
 * `pg_read_file`. A test enumerates every function each engine we run knows and fails on any name that is
 * on neither list, so an engine upgrade cannot slip a new function in.
 */

/** Qualifiers that name engine metadata namespaces in some dialect; calls into them read the catalog. */
const metadataSchemas: ReadonlySet<string> = new Set([
  'information_schema', 'snowflake', 'account_usage', 'sys', 'mysql', 'performance_schema', 'system', 'pg_toast',
]);

const invisibleCharacters = /\p{Cf}/gu;

/** Folds a name the way a reader would see it: compatibility-normalised, no invisible characters, lower-case. */
export function foldFunctionName(name: string): string {
  return name.normalize('NFKC').replace(invisibleCharacters, '').toLowerCase();
}

function denialGroup(dialect: SqlDialectProfile, name: string): FunctionDenial | undefined {
  return dialect.deniedFunctions.find(
    (group) => group.names?.includes(name) === true || group.prefixes?.some((prefix) => name.startsWith(prefix)) === true,
  );
}

/** The rule under which a function (folded bare name) is never allowed in the dialect, if it is one of those. */
export function neverAllowedRule(dialect: SqlDialectProfile, name: string): GuardRule | undefined {
  return denialGroup(dialect, name)?.rule;
}

/** Throws the denial group's rejection when the function (name parts) is never allowed in the dialect. */
export function assertNotNeverAllowed(dialect: SqlDialectProfile, parts: readonly string[]): void {
  const denial = denialGroup(dialect, foldFunctionName(parts[parts.length - 1] ?? ''));
  if (denial !== undefined) {
    throw new GuardRejection(denial.rule, `The query calls ${parts.join('.')}(), which ${denial.why}; it is not allowed.`);
  }
}

/** One call as the analyzer found it. */
export interface FunctionCall {
  /** Name parts, outermost first, as the parser resolved them. */
  parts: readonly string[];
  /** In an expression, or as a FROM item. */
  position: FunctionPosition;
}

/**
 * Throws a rejection unless the call is on the dialect's allow-list for its position, or on the source's
 * own list (`extraAllowed`: folded names, qualified where the overlay qualified them). Never-allowed
 * functions are refused first, whatever either list says. Returns the name used for the audit list.
 */
export function assertFunctionAllowed(
  dialect: SqlDialectProfile,
  call: FunctionCall,
  extraAllowed: ReadonlySet<string> = new Set(),
): string {
  const folded = call.parts.map(foldFunctionName);
  const name = folded[folded.length - 1] ?? '';
  const display = call.parts.join('.');
  assertNotNeverAllowed(dialect, call.parts);
  const qualified = folded.join('.');
  if (extraAllowed.has(qualified)) return qualified;
  const qualifiers = folded.slice(0, -1);
  const foreign = qualifiers.find((qualifier) => !dialect.builtInSchemas.includes(qualifier));
  if (foreign !== undefined && metadataSchemas.has(foreign)) {
    throw new GuardRejection('system-catalog', `The query calls ${display}(), which reads engine metadata.`);
  }
  const list = dialect.functionAllowList;
  const vetted = call.position === 'table' ? list.table : list.expression;
  const syntaxForm = call.position === 'expression' && sqlSyntaxForms.has(name);
  if (foreign === undefined && (vetted.has(name) || syntaxForm)) return qualified;
  const what = call.position === 'table' ? 'table function' : 'function';
  const where = foreign === undefined ? '' : ` in schema "${foreign}"`;
  throw new GuardRejection(
    'unlisted-function',
    `The query calls the ${what} ${display}()${where}, which is not on the list of built-in functions allowed ` +
      `for ${list.reviewedAgainst} SQL${call.position === 'table' ? ' in FROM' : ''}; rewrite it with standard built-in functions.`,
  );
}
