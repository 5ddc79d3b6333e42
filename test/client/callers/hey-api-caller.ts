// Compiled (strict) and run by client-generators.test.ts next to the client @hey-api/openapi-ts generates.
import { client } from './hey-api/client.gen.js';
import * as api from './hey-api/sdk.gen.js';
import type { CatalogStatus, ErrorCode, QueryEvent, QueryResponse, Readiness } from './hey-api/types.gen.js';
import { typeIs, type CallerContext, type Equal, type Observations } from './caller-context.js';

/** Calls every route through the generated SDK and reports what came back. */
export async function callEveryRoute(context: CallerContext): Promise<Observations> {
  // The document's security schemes tell the SDK where the key goes; the admin route has its own token.
  client.setConfig({ baseUrl: context.origin, auth: () => context.apiKey });
  const observations: Observations = {};

  observations.health = (await api.health()).data?.status;
  const readiness = await api.ready();
  observations.ready = readiness.data?.ready;
  typeIs<Equal<NonNullable<typeof readiness.data>, Readiness>>(true);
  observations.metrics = (await api.metrics()).data;

  observations.sources = (await api.listSources()).data?.sources.map((source) => source.name);
  observations.catalogTables = (await api.getCatalog()).data?.sources.flatMap((source) => source.tables.map((table) => `${source.name}.${table.name}`));
  observations.catalogStatus = (await api.getCatalogStatus()).data?.sources.length;
  const refreshed = await api.refreshCatalog({ auth: context.adminToken });
  typeIs<Equal<typeof refreshed.data, CatalogStatus | undefined>>(true);
  observations.refreshed = { status: refreshed.response.status, version: refreshed.data?.version, error: refreshed.error };

  const answered = await api.askQuestion({ body: { question: context.question, source: 'sales' } });
  // The 200 is QueryResponse alone: no event-stream alternative to narrow away.
  typeIs<Equal<typeof answered.data, QueryResponse | undefined>>(true);
  if (answered.data === undefined) throw new Error(`POST /query answered ${answered.response.status}`);
  const answer: QueryResponse = answered.data;
  observations.answer = answer;

  const refused = await api.askQuestion({ body: { question: context.question, source: 'no-such-source' } });
  const code: ErrorCode | undefined = refused.error?.error.code;
  typeIs<Equal<typeof code, ErrorCode | undefined>>(true);
  observations.refused = { status: refused.response.status, code };

  const csv = await api.downloadRows({ path: { id: answer.queryId ?? '' } });
  typeIs<Equal<typeof csv.data, string | undefined>>(true);
  observations.csv = csv.data;

  // The stream yields each event's parsed data, typed by the document's QueryEvent union.
  const { stream } = await api.streamQuestion({ body: { question: context.question, source: 'sales' }, sseMaxRetryAttempts: 1 });
  const events: QueryEvent[] = [];
  let streamedAnswer: string | null | undefined;
  for await (const event of stream) {
    typeIs<Equal<typeof event, QueryEvent>>(true);
    events.push(event);
    // Narrowed by the discriminator: `answer` exists only on the done event.
    if (event.event === 'done') streamedAnswer = event.answer;
  }
  observations.events = events;
  observations.streamedAnswer = streamedAnswer;
  return observations;
}
