/** Stable machine names of the guard's rules; part of the API (audit logs and clients branch on them). */
export type GuardRule =
  | 'parse-error'
  | 'multiple-statements'
  | 'not-a-query'
  | 'data-modifying-cte'
  | 'select-into'
  | 'locking-clause'
  | 'denied-function'
  | 'unlisted-function'
  | 'denied-file-access'
  | 'system-catalog'
  | 'system-variable'
  | 'unknown-table'
  | 'pii-column'
  | 'executable-comment'
  | 'ambiguous-quoting'
  | 'row-limit';

/**
 * For every rule, what a rewrite must change to lift the refusal, or null when no rewrite may: those
 * are policy violations (writes, file access, catalogs, executable comments), and the request ends at
 * once so a hostile question gets no extra tries. A rewrite of a repairable refusal is judged afresh.
 * A Record, so a new rule cannot be added without deciding whether a model may repair it.
 */
export const guardRuleRepairs: Readonly<Record<GuardRule, string | null>> = {
  'parse-error': 'Write SQL this engine parses, in its own dialect.',
  'multiple-statements': 'Write exactly one statement: choose the one query that answers the question; no alternatives, nothing after it.',
  'not-a-query': null,
  'data-modifying-cte': null,
  'select-into': null,
  'locking-clause': null,
  'denied-function': 'Answer without that function; use plain expressions or another function of this engine.',
  'unlisted-function': 'Use only common built-in functions of this engine; write the logic with plain expressions if needed.',
  'denied-file-access': null,
  'system-catalog': null,
  'system-variable': null,
  'unknown-table': 'Use only the tables in the schema, spelled exactly as written there.',
  // The prompts never show protected columns, so reaching one (often through `SELECT *`) is an honest mistake.
  'pii-column': 'Name the columns you need explicitly; the refused column may not be read at all.',
  'executable-comment': null,
  'ambiguous-quoting': 'Write string literals with doubled quotes (\'\') and no backslash escapes, and no "#", "$$" or similar markers.',
  'row-limit': 'Write a plain query the guard can add a LIMIT to: one LIMIT at the end of the outermost query, or none.',
};

/** Whether a model may be asked to rewrite a statement refused under `rule`. */
export function isRepairableGuardRule(rule: GuardRule): boolean {
  return guardRuleRepairs[rule] !== null;
}

/**
 * Thrown inside the guard to stop at the first violation; `SqlGuard.check` turns it into a verdict.
 * Never escapes the guard module.
 */
export class GuardRejection extends Error {
  /** Rule that was violated. */
  readonly rule: GuardRule;

  constructor(rule: GuardRule, reason: string) {
    super(reason);
    this.name = 'GuardRejection';
    this.rule = rule;
  }
}
