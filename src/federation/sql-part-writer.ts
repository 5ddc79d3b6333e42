import { getSqlDialectProfile, requireSqlDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { CombineTable } from './combine-table-index.js';
import { writeExtractionFilter, type ExtractionFilter } from './extraction-filter-writer.js';
import type { FederatedPart, SqlExtraction } from './federated-plan.js';
import type { PushablePredicate } from './pushable-predicate.js';

/** What one part extracts, before it is written in a source's language. */
export interface PartDraft {
  /** Position in the plan, from 1. */
  readonly index: number;
  /** The table. */
  readonly table: CombineTable;
  /** Columns to extract, in catalog spelling and order. */
  readonly columns: readonly string[];
  /** Filters that may be pushed into the extraction, when the source's dialect reads them alike. */
  readonly predicates: readonly PushablePredicate[];
}

/** The draft's columns with their catalog types, in the draft's order. */
export function draftColumnTypes(draft: PartDraft): string[] {
  return draft.columns.map((name) => draft.table.columns.find((column) => column.name === name)?.type ?? 'varchar');
}

/** Every column of the draft's table in catalog order, with its catalog type. */
export function draftTableColumns(draft: PartDraft): { name: string; type: string }[] {
  return draft.table.columns.map((column) => ({ name: column.name, type: column.type }));
}

/** Each predicate the dialect reads as DuckDB does, written for the source. */
function extractionFilters(draft: PartDraft, dialect: Parameters<typeof writeExtractionFilter>[2], quote: (name: string) => string): ExtractionFilter[] {
  return draft.predicates.flatMap((predicate) => {
    const column = draft.table.columns.find((candidate) => candidate.name === predicate.column);
    const filter = column === undefined ? undefined : writeExtractionFilter(predicate, column, dialect, quote);
    return filter === undefined ? [] : [filter];
  });
}

/** The extraction's statement: its SELECT with its filters, before the guard adds the row limit. */
export function extractionSql(extraction: Pick<SqlExtraction, 'select' | 'filters'>): string {
  return extraction.filters.length === 0 ? extraction.select : `${extraction.select} WHERE ${extraction.filters.join(' AND ')}`;
}

/**
 * Writes a SQL part: `SELECT <columns> FROM <table> [WHERE <filters>]` in the source's dialect, then
 * judges it with the read-only guard in that dialect, with the source's own facts and the part's row
 * cap plus one (so an overflow shows). Switchyard wrote it, so a refusal is a planner bug, reported
 * as SWY_ERR_INTERNAL and never run.
 */
export function writeSqlPart(draft: PartDraft, guard: SqlGuard, partRowCap: number): FederatedPart {
  const { table } = draft;
  const source = table.source;
  const dialectName = requireSqlDialect(source.dialect);
  const dialect = getSqlDialectProfile(dialectName);
  if (draft.columns.length === 0) {
    throw new SwitchyardError(
      'SWY_ERR_QUERY_FAILED',
      `Every column of ${table.qualifiedName} holds personal data, so it cannot take part in a federated answer; leave that table out of the query.`,
      { details: { table: table.qualifiedName } },
    );
  }
  const quote = (name: string) => dialect.quoteIdentifier(name);
  const filters = extractionFilters(draft, dialectName, quote);
  const select = `SELECT ${draft.columns.map(quote).join(', ')} FROM ${table.table.split('.').map(quote).join('.')}`;
  const pii = table.columns.filter((column) => column.pii === true).map((column) => column.name);
  const extraction = {
    select,
    filters: filters.map((filter) => filter.sql),
    guard: {
      dialect: dialectName,
      allowedTables: [table.table],
      rowLimit: partRowCap + 1,
      protectedColumns: pii.length === 0 ? {} : { [table.table]: pii },
      tableColumns: { [table.table]: table.columns.map((column) => column.name) },
      allowedFunctions: [...(source.allowedFunctions ?? [])],
      backslashEscapes: source.backslashEscapes === true,
      ...(source.defaultSchema === undefined ? {} : { defaultSchema: source.defaultSchema }),
    },
  };
  const sql = extractionSql(extraction);
  const verdict = guard.check({ ...extraction.guard, sql });
  if (!verdict.allowed) {
    throw new SwitchyardError(
      'SWY_ERR_INTERNAL',
      `The federated planner wrote an extraction of ${table.qualifiedName} that the read-only guard refuses (${verdict.rule}: ${verdict.reason}); nothing was run. This is a bug in Switchyard: report it with the query.`,
      { details: { part: draft.index, source: source.name, table: table.table, rule: verdict.rule, sql } },
    );
  }
  return {
    index: draft.index,
    source: source.name,
    dialect: dialectName,
    table: table.table,
    combineTable: table.qualifiedName,
    columns: [...draft.columns],
    columnTypes: draftColumnTypes(draft),
    tableColumns: draftTableColumns(draft),
    pushedFilters: filters.map((filter) => filter.display),
    sql: verdict.sql,
    requestLanguage: 'sql',
    statements: [verdict.sql],
    rowCap: partRowCap,
    keyFilters: [],
    extraction,
  };
}
