import type { CatalogSource } from '../catalog/catalog-types.js';
import type { HttpOperationShape } from '../connectors/connector.js';
import type { SourceHandle } from '../sources/source-handle.js';
import type { FederatedSource } from './federated-plan-request.js';

/**
 * What the planner must know of one source, from the current catalog and the source's handle: its
 * tables with their types and PII flags, its guard facts, and for a REST source each operation's
 * path and parameters (its connector holds the OpenAPI document). Read per plan, not kept: a refresh
 * may mark a column PII.
 */
export async function readFederatedSource(source: CatalogSource, handle: Pick<SourceHandle, 'connector' | 'defaultSchema'>): Promise<FederatedSource> {
  const planner = handle.connector.httpRequests;
  // An operation the document no longer has (a catalog older than the API) is left out; a plan reading it fails then.
  const described = planner === undefined ? undefined : await Promise.all(source.tables.map(async (table) => [table.name, await planner.describeOperation(table.name).catch(() => undefined)] as const));
  const operations = described === undefined ? undefined : Object.fromEntries(described.filter((entry): entry is readonly [string, HttpOperationShape] => entry[1] !== undefined));
  return {
    name: source.name,
    dialect: source.dialect,
    tables: source.tables,
    allowedFunctions: (source.allowedFunctions ?? []).map((entry) => entry.name),
    backslashEscapes: handle.connector.backslashEscapes === true,
    ...(handle.defaultSchema === undefined ? {} : { defaultSchema: handle.defaultSchema }),
    ...(operations === undefined ? {} : { operations }),
  };
}
