// Compiled (strict) and run by client-generators.test.ts next to the client orval generates by default (`axios-functions`).
import axios, { type AxiosRequestConfig } from 'axios';
import * as api from './orval/api.js';
import type { CatalogStatus, ErrorCode, ErrorResponse, QueryEvent, QueryResponse } from './orval/api.js';
import { typeIs, type CallerContext, type Equal, type Observations } from './caller-context.js';

/** Calls every route through the generated functions and reports what came back. */
export async function callEveryRoute(context: CallerContext): Promise<Observations> {
  // orval's axios client does not apply the document's security schemes: the key is sent by hand.
  const withKey: AxiosRequestConfig = { baseURL: context.origin, headers: { authorization: `Bearer ${context.apiKey}` } };
  const observations: Observations = {};

  observations.health = (await api.health({ baseURL: context.origin })).data.status;
  observations.ready = (await api.ready({ baseURL: context.origin })).data.ready;
  const text = await api.metrics({ baseURL: context.origin });
  typeIs<Equal<typeof text.data, string>>(true);
  observations.metrics = text.data;

  observations.sources = (await api.listSources(withKey)).data.sources.map((source) => source.name);
  observations.catalogTables = (await api.getCatalog(withKey)).data.sources.flatMap((source) => source.tables.map((table) => `${source.name}.${table.name}`));
  observations.catalogStatus = (await api.getCatalogStatus(withKey)).data.sources.length;
  const refreshed = await api.refreshCatalog({ baseURL: context.origin, headers: { authorization: `Bearer ${context.adminToken}` } });
  typeIs<Equal<typeof refreshed.data, CatalogStatus>>(true);
  observations.refreshed = { status: refreshed.status, version: refreshed.data.version };

  const answered = await api.askQuestion({ question: context.question, source: 'sales' }, withKey);
  typeIs<Equal<typeof answered.data, QueryResponse>>(true);
  observations.answer = answered.data;

  try {
    await api.askQuestion({ question: context.question, source: 'no-such-source' }, withKey);
  } catch (error) {
    // axios rejects every status outside 2xx; the body is the documented error response.
    if (!axios.isAxiosError<ErrorResponse>(error) || error.response === undefined) throw error;
    const code: ErrorCode = error.response.data.error.code;
    observations.refused = { status: error.response.status, code };
  }

  const csv = await api.downloadRows(answered.data.queryId ?? '', withKey);
  typeIs<Equal<typeof csv.data, string>>(true);
  observations.csv = csv.data;

  const streamed = await api.streamQuestion({ question: context.question, source: 'sales' }, withKey);
  typeIs<Equal<typeof streamed.data, QueryEvent>>(true);
  // What arrives is the whole text/event-stream body as one string, whatever the type says.
  const body: unknown = streamed.data;
  observations.stream = { type: typeof body, endsWithDone: typeof body === 'string' && /event: done\n/.test(body) };
  return observations;
}
