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
