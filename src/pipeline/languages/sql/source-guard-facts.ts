import type { CatalogSource } from '../../../catalog/catalog-types.js';
import type { Connector } from '../../../connectors/connector.js';
import type { GuardRequest } from '../../../guard/sql-guard.js';
import { readProtectedColumns } from './protected-column-reader.js';
import { readTableColumns } from './table-column-reader.js';

/** What the guard must know of a source beside the SQL, its tables and its row limit. */
export type SourceGuardFacts = Required<Pick<GuardRequest, 'protectedColumns' | 'allowedFunctions' | 'tableColumns' | 'backslashEscapes'>>;

/**
 * The source's facts for the guard, from the current catalog and its connector: answers, downloads and
 * the eval judge a statement alike. Read per check, not kept: a refresh may mark a column PII, and a
 * MySQL connector learns its sql_mode on its first session.
 */
export function sourceGuardFacts(source: Pick<CatalogSource, 'tables' | 'allowedFunctions'>, connector: Pick<Connector, 'backslashEscapes'>): SourceGuardFacts {
  return {
    protectedColumns: readProtectedColumns(source.tables),
    allowedFunctions: (source.allowedFunctions ?? []).map((entry) => entry.name),
    tableColumns: readTableColumns(source.tables),
    backslashEscapes: connector.backslashEscapes === true,
  };
}
