import type { SourceDialectName } from '../dialects/sql-dialect.js';
import { columnValueClass, type ValueClass } from './extraction-filter-writer.js';
import type { FederatedPart, PartKeyFilter } from './federated-plan.js';
import type { JoinKey } from './pushable-predicate.js';

/** Value classes whose equality DuckDB and every source read alike, so a key set can be sent as an IN list. */
const keyClasses = new Set<ValueClass>(['exact-number', 'text', 'date']);

function keyClass(part: FederatedPart, column: string): ValueClass | undefined {
  const index = part.columns.indexOf(column);
  const valueClass = index < 0 ? undefined : columnValueClass(part.columnTypes[index] ?? '', part.dialect as SourceDialectName);
  return valueClass !== undefined && keyClasses.has(valueClass) ? valueClass : undefined;
}

/** Whether a REST part's requests carry `column` as a required parameter, whose values a key set can narrow. */
function isRequestParameter(part: FederatedPart, column: string): boolean {
  const first = part.requestParameters?.[0];
  return first !== undefined && Object.keys(first).some((name) => name.toLowerCase() === column.toLowerCase());
}

/**
 * Chooses the semi-join reductions of a plan: a part without filters of its own that the query joins by
 * equality to a part with pushed filters takes that part's join-column values as an IN filter, sent once
 * the other part is done (see key-filter-writer.ts). Only parts with their own filters give values and
 * only parts without take them, so no part waits for one that waits itself. Without row counts this is
 * the one direction that is likely to narrow: a filtered extraction is usually the smaller.
 *
 * Why it is exact: the join equality sits where a filter on the part's table may be pushed (see
 * pushdown-predicate-finder.ts), and every row the query keeps pairs the table's row with a row of the
 * other extraction (which itself holds every row of its table the query could keep), so its column's
 * value is among the values that extraction holds; `column IN (those values)` is then implied there and
 * rejects NULL, and pushing it keeps the answer the same.
 */
export function withKeyFilters(parts: readonly FederatedPart[], joinKeysOf: (part: FederatedPart) => readonly JoinKey[], partOfTable: (tableKey: string) => FederatedPart | undefined): FederatedPart[] {
  return parts.map((part) => {
    if (part.pushedFilters.length > 0) return part;
    const filters = new Map<string, PartKeyFilter>();
    for (const key of joinKeysOf(part)) {
      const from = partOfTable(key.fromTable);
      if (from === undefined || from.pushedFilters.length === 0) continue;
      const valueClass = keyClass(part, key.column);
      if (valueClass === undefined || valueClass !== keyClass(from, key.fromColumn)) continue;
      if (part.requestLanguage === 'http-get' && !isRequestParameter(part, key.column)) continue;
      const filter = { column: key.column, fromPart: from.index, fromColumn: key.fromColumn };
      filters.set(JSON.stringify(filter), filter);
    }
    return filters.size === 0 ? part : { ...part, keyFilters: [...filters.values()] };
  });
}
