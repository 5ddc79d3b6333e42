import type { FederatedPlan, FederatedRun } from '../federation/federated-plan.js';
import type { FederatedPlanSummary } from '../schemas/query-schema.js';

/** A federated answer's plan as the response shows it: every part's source, table and SQL, with what it moved once it ran. */
export function planSummary(federation: { readonly plan: FederatedPlan; readonly run?: FederatedRun | undefined }): FederatedPlanSummary {
  const { plan, run } = federation;
  return {
    engine: 'duckdb',
    sources: [...new Set(plan.parts.map((part) => part.source))],
    combineSql: plan.combineSql,
    parts: plan.parts.map((part) => {
      const report = run?.parts.find((item) => item.index === part.index);
      return {
        index: part.index,
        source: part.source,
        table: part.table,
        // What ran: the extraction with any join-key filter it was narrowed by.
        sql: report?.sql ?? part.sql,
        pushedFilters: [...part.pushedFilters],
        ...(report === undefined ? {} : { rows: report.rows, bytes: report.bytes, milliseconds: report.milliseconds }),
      };
    }),
    ...(run === undefined ? {} : { combineMilliseconds: run.combineMilliseconds }),
  };
}
