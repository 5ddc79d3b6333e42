import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GuardRequest } from '../guard/sql-guard.js';
import { combineMainDatabase } from './combine-sandbox.js';
import { CombineTableIndex } from './combine-table-index.js';
import type { FederatedPart } from './federated-plan.js';
import type { FederatedPlanRequest, FederatedPlanVerdict } from './federated-plan-request.js';
import { readPartProjections } from './part-projection-reader.js';
import type { TablePredicates } from './pushable-predicate.js';
import { withKeyFilters } from './key-filter-planner.js';
import { findPushablePredicates } from './pushdown-predicate-finder.js';
import { readNamedRelations } from './relation-name-reader.js';
import { writeRestPart } from './rest-part-writer.js';
import { writeSqlPart } from './sql-part-writer.js';

/** Database names DuckDB gives its own catalogs: a source of that name cannot be attached in the combine step. */
const reservedCatalogNames = new Set(['main', 'memory', 'system', 'temp', combineMainDatabase]);

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new SwitchyardError('SWY_ERR_INTERNAL', `The federated planner needs a positive integer ${name}.`, { details: { [name]: value } });
  }
}

/**
 * Plans a federated answer from one model query in DuckDB SQL over source-qualified names
 * (`hr.employees`). Synchronous once the guard is created.
 *
 * 1. The whole query is judged by the read-only guard as DuckDB SQL, with every table of the given
 *    sources allowed by its qualified name and their PII columns protected; a refusal is returned
 *    (rule and reason, for the repair loop) with the relations the query names, for the caller's
 *    check of sources the client may not use.
 * 2. Each table the query reads becomes one part: the columns the guard's column lineage says the
 *    query reads (never a PII column), and the filters that touch only that table and mean the same
 *    at the source (see pushdown-predicate-finder.ts and extraction-filter-writer.ts).
 * 3. Each SQL part is written in its source's dialect and guarded there; a REST part is one GET
 *    request per value of the operation's required parameters.
 * 4. A part without filters of its own that the query joins by equality to a filtered part takes that
 *    part's join values as an IN filter at run time (a semi-join reduction, see key-filter-planner.ts).
 *
 * Errors: SWY_ERR_QUERY_FAILED (repairable) for a query whose REST table cannot be requested as
 * written, SWY_ERR_FEDERATION_PART_TOO_LARGE for one needing too many requests, SWY_ERR_INTERNAL for
 * a part the planner wrote and the guard refuses.
 */
export function planFederatedQuery(request: FederatedPlanRequest): FederatedPlanVerdict {
  assertPositiveInteger('rowLimit', request.rowLimit);
  assertPositiveInteger('partRowCap', request.partRowCap);
  const reserved = request.sources.find((source) => reservedCatalogNames.has(source.name.toLowerCase()));
  if (reserved !== undefined) {
    throw new SwitchyardError(
      'SWY_ERR_CONFIG_INVALID',
      `Source "${reserved.name}" cannot take part in a federated answer: DuckDB, where the parts are combined, reserves that name. Rename the source in sources.yaml.`,
      { details: { source: reserved.name } },
    );
  }
  const index = new CombineTableIndex(request.sources);
  const guardRequest: GuardRequest = { sql: request.sql, dialect: 'duckdb', rowLimit: request.rowLimit, ...index.combineGuardFacts() };
  const verdict = request.guard.check(guardRequest);
  if (!verdict.allowed) {
    return { allowed: false, rule: verdict.rule, reason: verdict.reason, tables: readNamedRelations(request.sql), guardRequest };
  }
  const predicates = request.pushdown === false ? new Map<string, TablePredicates>() : findPushablePredicates(verdict.sql, index);
  const projections = readPartProjections(verdict.tables, verdict.columnReads, index);
  const tableKeys = new Map<FederatedPart, string>();
  const partsByTable = new Map<string, FederatedPart>();
  const written = projections.map(({ table, columns }, position): FederatedPart => {
    const draft = { index: position + 1, table, columns, predicates: predicates.get(table.key)?.predicates ?? [] };
    const part = table.source.dialect === 'openapi' ? writeRestPart(draft, request.partRowCap) : writeSqlPart(draft, request.guard, request.partRowCap);
    tableKeys.set(part, table.key);
    partsByTable.set(table.key, part);
    return part;
  });
  const parts = withKeyFilters(written, (part) => predicates.get(tableKeys.get(part) ?? '')?.joinKeys ?? [], (key) => partsByTable.get(key));
  return {
    allowed: true,
    plan: { combineSql: verdict.sql, parts },
    tables: verdict.tables,
    functions: verdict.functions,
    limitApplied: verdict.limitApplied,
  };
}
