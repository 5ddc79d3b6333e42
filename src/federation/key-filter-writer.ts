import { getSqlDialectProfile, requireSqlDialect } from '../dialects/dialect-registry.js';
import type { SourceDialectName } from '../dialects/sql-dialect.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import { columnValueClass, writeExtractionFilter } from './extraction-filter-writer.js';
import type { FederatedPart, PartKeyFilter } from './federated-plan.js';
import { normalizedDate } from './predicate-node-reader.js';
import type { PredicateLiteral } from './pushable-predicate.js';
import { forEachPartColumnValue, type PartResult } from './part-result-reader.js';
import { extractionSql } from './sql-part-writer.js';

/** Most distinct values one key filter sends; a larger set leaves the part without that filter (which keeps more rows, never fewer). */
export const maxKeyValues = 1000;

const plainNumber = /^-?\d+(\.\d+)?$/;

/** A key value as a literal of the part column's class, and its canonical text for comparing request parameters; undefined when it is neither. */
function keyLiteral(value: unknown, valueClass: string): { literal: PredicateLiteral; canonical: string } | undefined {
  if (valueClass === 'exact-number') {
    const text = typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' ? String(value) : '';
    return plainNumber.test(text) ? { literal: { kind: 'number', text }, canonical: String(Number(text)) } : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (valueClass === 'text') return { literal: { kind: 'string', value }, canonical: value };
  const date = normalizedDate(value);
  return valueClass === 'date' && date !== undefined ? { literal: { kind: 'date', value: date }, canonical: date } : undefined;
}

/** One key filter with its values read from the other part's rows. */
interface KeyValues {
  /** The filter. */
  readonly filter: PartKeyFilter;
  /** The values as literals. */
  readonly literals: PredicateLiteral[];
  /** Their canonical texts. */
  readonly canonical: ReadonlySet<string>;
}

/** The distinct values of the other part's column, or undefined when they are too many or one is not a literal of the column's class. */
function keyValues(part: FederatedPart, filter: PartKeyFilter, from: { part: FederatedPart; result: PartResult }): KeyValues | undefined {
  const position = from.part.columns.indexOf(filter.fromColumn);
  const type = part.columnTypes[part.columns.indexOf(filter.column)] ?? '';
  const valueClass = columnValueClass(type, part.dialect as SourceDialectName);
  const literals = new Map<string, PredicateLiteral>();
  let usable = true;
  forEachPartColumnValue(from.result, position, (value) => {
    if (!usable || value === null || value === undefined) return;
    const key = keyLiteral(value, valueClass);
    if (key === undefined) usable = false;
    else literals.set(key.canonical, key.literal);
    if (literals.size > maxKeyValues) usable = false;
  });
  return usable ? { filter, literals: [...literals.values()], canonical: new Set(literals.keys()) } : undefined;
}

function sqlStatements(part: FederatedPart, keys: readonly KeyValues[], guard: SqlGuard): string[] {
  const extraction = part.extraction;
  if (extraction === undefined) return [...part.statements];
  const dialect = requireSqlDialect(part.dialect as SourceDialectName);
  const quote = (name: string) => getSqlDialectProfile(dialect).quoteIdentifier(name);
  const written = keys.flatMap(({ filter, literals }) => {
    const type = part.columnTypes[part.columns.indexOf(filter.column)] ?? '';
    const sql = writeExtractionFilter({ form: 'in', column: filter.column, literals }, { type }, dialect, quote)?.sql;
    return sql === undefined ? [] : [sql];
  });
  if (written.length === 0) return [...part.statements];
  const sql = extractionSql({ select: extraction.select, filters: [...extraction.filters, ...written] });
  const verdict = guard.check({ ...extraction.guard, sql });
  if (!verdict.allowed) {
    throw new SwitchyardError(
      'SWY_ERR_INTERNAL',
      `The federated runner wrote a key filter for part #${part.index} (${part.combineTable}) that the read-only guard refuses (${verdict.rule}: ${verdict.reason}); this is a bug in Switchyard: report it with the query.`,
      { details: { part: part.index, source: part.source, table: part.table, rule: verdict.rule } },
    );
  }
  return [verdict.sql];
}

function restStatements(part: FederatedPart, keys: readonly KeyValues[]): string[] {
  const parameters = part.requestParameters ?? [];
  return part.statements.filter((_, index) =>
    keys.every(({ filter, canonical }) => {
      const request = parameters[index] ?? {};
      const name = Object.keys(request).find((candidate) => candidate.toLowerCase() === filter.column.toLowerCase());
      const value = name === undefined ? undefined : request[name];
      return value === undefined || canonical.has(typeof value === 'number' ? String(value) : value);
    }),
  );
}

/**
 * What a part with key filters runs, once the parts giving its values are done: its extraction with
 * `column IN (values)` added (guarded again), or, for a REST part, only the requests whose parameter
 * value is among them; nothing when a key set is empty (no row can then match). A key filter whose
 * values are too many or not literals of the column's class is left out, which only keeps more rows.
 */
export function keyFilteredStatements(part: FederatedPart, done: ReadonlyMap<number, { part: FederatedPart; result: PartResult }>, guard: SqlGuard): string[] {
  const keys = part.keyFilters.flatMap((filter) => {
    const from = done.get(filter.fromPart);
    const values = from === undefined ? undefined : keyValues(part, filter, from);
    return values === undefined ? [] : [values];
  });
  if (keys.length === 0) return [...part.statements];
  if (keys.some((key) => key.literals.length === 0)) return [];
  return part.requestLanguage === 'http-get' ? restStatements(part, keys) : sqlStatements(part, keys, guard);
}
