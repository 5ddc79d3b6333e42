import type { QueryResult } from '../../connectors/connector.js';
import type { SwitchyardError } from '../../errors/switchyard-error.js';
import type { PipelineObserver } from '../../metrics/pipeline-observer.js';
import type { QueryAttempt } from '../../schemas/query-schema.js';
import type { StageTimer } from '../stage-timer.js';
import type { FederatedPlan, FederatedRun } from '../../federation/federated-plan.js';
import { AttemptRecorder } from './attempt-recorder.js';
import type { AttemptFailure, CheckVerdict, QueryLanguage, WrittenStatement } from './query-language.js';

// A statement that ran out of time may be rewritten lighter once; a second timeout in the same request
// ends it with that timeout (504), so one heavy question cannot hold the source for every attempt.
const timeoutsPerRequest = 2;

/** How the loop runs for one request. */
export interface AttemptSettings {
  /** Stage timer of the request. */
  readonly timer: StageTimer;
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Stop after the check; do not run. */
  readonly dryRun: boolean;
  /** Told of every attempt as it finishes. */
  readonly observer?: PipelineObserver | undefined;
  /** A statement stored earlier (a cached plan) to try first instead of asking the model; repairs still ask it. */
  readonly stored?: string | undefined;
  /** False when no model can repair (a curated example answered without one): the first failure ends the request as itself. */
  readonly repairs?: boolean | undefined;
}

/** The loop's outcome: the final statement, its rows (absent for dry runs) and every attempt. */
export interface AttemptOutcome {
  /** What ran (or would run, for a dry run): SQL after the guard's rewrite, or the request text. */
  readonly sql: string;
  /** The statement as written before the check rewrote it: what a download checks again and a cached plan keeps. */
  readonly written: string;
  /** Rows, absent for dry runs. */
  readonly result?: QueryResult;
  /** Every attempt, in order. */
  readonly attempts: QueryAttempt[];
  /** The check's verdict on the final statement. */
  readonly guard: CheckVerdict;
  /** A federated query's plan and, once it ran, how its parts ran. */
  readonly federation?: { readonly plan: FederatedPlan; readonly run?: FederatedRun };
}

/**
 * Write and run: the model writes a statement in the source's language, the language checks it and
 * runs it, and a refusal or a source error the model can fix goes back to it for a repair, up to
 * `maxAttempts` attempts in all. The same loop serves SQL and HTTP sources.
 */
export async function runAttempts<Statement extends WrittenStatement>(language: QueryLanguage<Statement>, settings: AttemptSettings): Promise<AttemptOutcome> {
  const { timer } = settings;
  const recorder = new AttemptRecorder(settings.observer);
  const { attempts } = recorder;
  let failure: AttemptFailure | undefined;
  // What ended the last attempt: when it is the last of all, the request ends with it as the failure it
  // is (a guard refusal is 422 with its rule, a timeout 504), not as a generic "no working SQL" (502).
  let lastFailure: SwitchyardError | undefined;
  let timeouts = 0;

  for (let attempt = 1; attempt <= settings.maxAttempts; attempt += 1) {
    const written =
      attempt === 1 && settings.stored !== undefined ? language.reread(settings.stored) : await timer.measure('generate', () => language.write(failure));
    if (written.kind === 'unusable') {
      recorder.record({ sql: '', error: written.error });
      failure = { text: written.reply.slice(0, 2000), error: written.error };
      lastFailure = undefined;
      continue;
    }
    const checked = await timer.measure('guard', () => language.check(written));
    if (!checked.allowed) {
      recorder.record({ sql: written.text, error: checked.error });
      const ending = checked.failure?.withDetails({ attempts });
      if (checked.final === true || settings.repairs === false) throw ending ?? recorder.exhausted(language.subject);
      failure = { text: written.text, error: checked.error, refusal: checked.refusal };
      lastFailure = ending;
      continue;
    }
    if (settings.dryRun) {
      recorder.record({ sql: checked.runnable });
      return { sql: checked.runnable, written: written.text, attempts, guard: checked.verdict, ...(checked.federatedPlan ? { federation: { plan: checked.federatedPlan } } : {}) };
    }
    try {
      const { result, verdict, federatedRun } = await timer.measure('execute', () => language.run(checked));
      recorder.record({ sql: checked.runnable });
      const federation = checked.federatedPlan === undefined ? {} : { federation: { plan: checked.federatedPlan, ...(federatedRun ? { run: federatedRun } : {}) } };
      return { sql: checked.runnable, written: written.text, result, attempts, guard: verdict, ...federation };
    } catch (error) {
      if (!AttemptRecorder.isRepairable(error)) throw error;
      recorder.record({ sql: checked.runnable, error: error.message });
      if (settings.repairs === false) throw error.withDetails({ attempts });
      if (error.code === 'SWY_ERR_QUERY_TIMEOUT' && ++timeouts >= timeoutsPerRequest) throw error.withDetails({ attempts });
      failure = { text: checked.runnable, error: error.message };
      lastFailure = error.code === 'SWY_ERR_QUERY_TIMEOUT' ? error.withDetails({ attempts }) : undefined;
    }
  }
  throw lastFailure ?? recorder.exhausted(language.subject);
}
