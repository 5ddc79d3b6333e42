import type { GuardRequest, GuardVerdict, SqlGuard } from '../guard/sql-guard.js';
import { withGuardCheck } from '../pipeline/guard-check-view.js';
import type { PipelineObserver } from '../pipeline/pipeline-observer.js';

/** The guard, reporting each rejection's rule to the observer (the metric counts rules, not messages). */
export function observeGuard(guard: SqlGuard, observer: PipelineObserver | undefined): SqlGuard {
  if (observer?.onGuardRejection === undefined) return guard;
  return withGuardCheck(guard, (request: GuardRequest): GuardVerdict => {
    const verdict = guard.check(request);
    if (!verdict.allowed) observer.onGuardRejection?.({ rule: verdict.rule });
    return verdict;
  });
}
