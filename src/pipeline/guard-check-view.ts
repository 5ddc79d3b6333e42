import type { GuardRequest, GuardVerdict, SqlGuard } from '../guard/sql-guard.js';

/**
 * A view of `guard` whose `check` is replaced, for the layers that observe or tighten its verdicts
 * (source scope, metrics, the model-SQL capture). SqlGuard has a private constructor, so the view
 * delegates everything else through the prototype chain.
 */
export function withGuardCheck(guard: SqlGuard, check: (request: GuardRequest) => GuardVerdict): SqlGuard {
  return Object.create(guard, { check: { value: check } }) as SqlGuard;
}
