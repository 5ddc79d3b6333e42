// Compiled (strict) and run by client-generators.test.ts next to the client orval generates with `client: 'fetch'`.
import * as api from './orval/api.js';
import type { CatalogStatus, ErrorCode, QueryResponse } from './orval/api.js';
import { failureOf, typeIs, type CallerContext, type Equal, type Observations } from './caller-context.js';

/** Calls every route through the generated functions and reports what came back. */
export async function callEveryRoute(context: CallerContext): Promise<Observations> {
  // orval's fetch client does not apply the document's security schemes: the key is sent by hand.
  const withKey: RequestInit = { headers: { authorization: `Bearer ${context.apiKey}` } };
  const observations: Observations = {};

  const liveness = await api.health();
  observations.health = liveness.status === 200 ? liveness.data.status : undefined;
  const readiness = await api.ready();
  observations.ready = readiness.status === 200 ? readiness.data.ready : undefined;
  observations.metrics = await api.metrics().then((response) => response.data, failureOf);

  const sources = await api.listSources(withKey);
  observations.sources = sources.status === 200 ? sources.data.sources.map((source) => source.name) : sources.status;
  const catalog = await api.getCatalog(withKey);
  observations.catalogTables = catalog.status === 200 ? catalog.data.sources.flatMap((source) => source.tables.map((table) => `${source.name}.${table.name}`)) : catalog.status;
  const status = await api.getCatalogStatus(withKey);
  observations.catalogStatus = status.status === 200 ? status.data.sources.length : status.status;
  const refreshed = await api.refreshCatalog({ headers: { authorization: `Bearer ${context.adminToken}` } });
  if (refreshed.status === 200) typeIs<Equal<typeof refreshed.data, CatalogStatus>>(true);
  observations.refreshed = { status: refreshed.status, version: refreshed.status === 200 ? refreshed.data.version : undefined };

  const answered = await api.askQuestion({ question: context.question, source: 'sales' }, withKey);
  // Narrowed by status: the 200 is QueryResponse alone.
  if (answered.status !== 200) throw new Error(`POST /query answered ${answered.status}`);
  typeIs<Equal<typeof answered.data, QueryResponse>>(true);
  observations.answer = answered.data;

  const refused = await api.askQuestion({ question: context.question, source: 'no-such-source' }, withKey);
  if (refused.status === 404) {
    typeIs<Equal<typeof refused.data.error.code, ErrorCode>>(true);
    observations.refused = { status: refused.status, code: refused.data.error.code };
  }

  observations.csv = await api.downloadRows(answered.data.queryId ?? '', withKey).then((response) => response.data, failureOf);
  observations.stream = await api.streamQuestion({ question: context.question, source: 'sales' }, withKey).then((response) => response.data, failureOf);
  return observations;
}
