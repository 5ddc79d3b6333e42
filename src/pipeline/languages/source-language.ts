import { getDialect, requireSqlDialect } from '../../dialects/dialect-registry.js';
import type { StageContext } from '../stage-context.js';
import { HttpGetQueryLanguage, HttpGetStatementRunner } from './http-get/http-get-query-language.js';
import type { QueryLanguage, StatementRunner, StatementTarget, WritingTask } from './query-language.js';
import { SqlQueryLanguage, SqlStatementRunner, type SqlChecks } from './sql/sql-query-language.js';

/** The checks of a SQL source beside its dialect, which the source names. */
export type StatementChecks = Omit<SqlChecks, 'dialect'>;

function sqlChecksFor(target: StatementTarget, checks: StatementChecks): SqlChecks {
  return { ...checks, dialect: getDialect(requireSqlDialect(target.source.dialect)) };
}

/** How the target's source is asked, as its handle declares: planned HTTP GET requests, or SQL in its dialect. */
export function queryLanguageFor(target: StatementTarget, checks: StatementChecks, writing: { readonly context: StageContext; readonly task: WritingTask }): QueryLanguage {
  if (target.handle.requestLanguage === 'http-get') return new HttpGetQueryLanguage(target, writing);
  return new SqlQueryLanguage(target, sqlChecksFor(target, checks), writing);
}

/** How statements stored for the target's source are checked and run again, without the model. */
export function statementRunnerFor(target: StatementTarget, checks: StatementChecks): StatementRunner {
  if (target.handle.requestLanguage === 'http-get') return new HttpGetStatementRunner(target);
  return new SqlStatementRunner(target, sqlChecksFor(target, checks));
}
