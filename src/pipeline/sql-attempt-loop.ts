import { requireSqlDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { guardRuleRepairs } from '../guard/guard-rejection.js';
import type { SqlAttemptInput, SqlAttemptOutcome } from './attempt-loop-types.js';
import { AttemptRecorder } from './attempt-recorder.js';
import { generateSql, repairSql, type RepairableRefusal } from './generate-stage.js';
import { runHttpRequestAttempts } from './http-request-stage.js';
import { sourceGuardFacts } from './source-guard-facts.js';

// A statement that ran out of time may be rewritten lighter once; a second timeout in the same request
// ends it with that timeout (504), so one heavy question cannot hold the database for every attempt.
const timeoutsPerRequest = 2;

/**
 * Writes SQL, proves it read-only, runs it, and on a database error asks the model to repair it
 * from the engine's own message, up to `maxAttempts` attempts in all.
 */
export async function runSqlAttempts(input: SqlAttemptInput): Promise<SqlAttemptOutcome> {
  // A REST source speaks validated GET plans, not SQL: same attempts and repair, no SQL guard.
  if (input.connector.requestLanguage === 'http-get') return runHttpRequestAttempts(input);
  const { context, timer, generation } = input;
  const recorder = new AttemptRecorder(input.observer);
  const { attempts } = recorder;
  const allowedTables = generation.source.tables.map((table) => table.name);
  const facts = sourceGuardFacts(generation.source, input.connector);
  const guardDialect = requireSqlDialect(generation.dialect.name);
  let previous: { sql: string; error: string; refusal?: RepairableRefusal } | undefined;
  // What ended the last attempt: when it is the last of all, the request ends with it as the failure it
  // is (a guard refusal is 422 with its rule, a timeout 504), not as a generic "no working SQL" (502).
  let lastFailure: SwitchyardError | undefined;
  let timeouts = 0;

  for (let attempt = 1; attempt <= input.maxAttempts; attempt += 1) {
    const generated = await timer.measure('generate', () =>
      previous === undefined ? generateSql(context, generation) : repairSql(context, { ...generation, failedSql: previous.sql, ...previous }),
    );
    if (generated.kind === 'unusable') {
      recorder.record({ sql: '', error: generated.error });
      previous = { sql: generated.reply.slice(0, 2000), error: generated.error };
      lastFailure = undefined;
      continue;
    }
    const candidate = generated.sql;
    const guardVerdict = await timer.measure('guard', () =>
      input.guard.check({
        sql: candidate,
        dialect: guardDialect,
        allowedTables,
        ...facts,
        rowLimit: input.maxRows + 1,
        ...(input.defaultSchema === undefined ? {} : { defaultSchema: input.defaultSchema }),
      }),
    );
    // Several statements never run, even where the guard's grammar would read them as one.
    const verdict = generated.kind === 'several' && guardVerdict.allowed ? severalStatements(generated.statements.length) : guardVerdict;
    if (!verdict.allowed) {
      const error = `Rejected by the read-only guard (${verdict.rule}): ${verdict.reason}`;
      recorder.record({ sql: candidate, error });
      const advice = guardRuleRepairs[verdict.rule];
      const rejection = new SwitchyardError('SWY_ERR_SQL_REJECTED', `The generated SQL was rejected: ${verdict.reason}`, {
        details: { rule: verdict.rule, reason: verdict.reason, repairable: advice !== null, sql: candidate, attempts },
      });
      if (advice === null) throw rejection;
      previous = { sql: candidate, error, refusal: { rule: verdict.rule, reason: verdict.reason, advice } };
      lastFailure = rejection;
      continue;
    }
    const guard = {
      verdict: 'allowed' as const,
      limitApplied: verdict.limitApplied,
      functions: verdict.functions,
      ...(verdict.limitApplied ? { rowLimit: input.maxRows + 1 } : {}),
    };
    if (input.dryRun) {
      recorder.record({ sql: verdict.sql });
      return { sql: verdict.sql, attempts, guard };
    }
    try {
      const result = await timer.measure('execute', () =>
        input.connector.execute(verdict.sql, {
          maxRows: input.maxRows,
          timeoutMs: input.timeoutMs,
          ...(context.signal ? { signal: context.signal } : {}),
        }),
      );
      recorder.record({ sql: verdict.sql });
      return { sql: verdict.sql, result, attempts, guard };
    } catch (error) {
      if (!AttemptRecorder.isRepairable(error)) throw error;
      recorder.record({ sql: verdict.sql, error: error.message });
      if (error.code === 'SWY_ERR_QUERY_TIMEOUT' && ++timeouts >= timeoutsPerRequest) throw error.withDetails({ attempts });
      previous = { sql: verdict.sql, error: error.message };
      lastFailure = error.code === 'SWY_ERR_QUERY_TIMEOUT' ? error.withDetails({ attempts }) : undefined;
    }
  }
  throw lastFailure ?? recorder.exhausted('SQL');
}

function severalStatements(count: number): { allowed: false; rule: 'multiple-statements'; reason: string } {
  return { allowed: false, rule: 'multiple-statements', reason: `The reply holds ${count} statements; exactly one query may run.` };
}
