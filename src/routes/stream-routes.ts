import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toSwitchyardError } from '../app-error-handler.js';
import { operationsRunOptions } from '../metrics/operations-run-options.js';
import type { PipelineObserver } from '../metrics/pipeline-observer.js';
import { AccessErrorResponses, BodyErrorResponses, ErrorResponseSchema } from '../schemas/error-schema.js';
import { EventStreamContent, QueryRequestSchema, type QueryRequest } from '../schemas/query-schema.js';
import { requestAbortSignal } from './request-abort-signal.js';
import { SseWriter } from './sse-writer.js';

/** Rows sent in the `rows` event; the full set arrives with `done`. */
const previewRows = 20;

/** Calls every observer's handlers in turn, so streaming does not displace the metrics and audit observer. */
function combineObservers(...observers: (PipelineObserver | undefined)[]): PipelineObserver {
  const handlers = new Map<string, ((event: unknown) => void)[]>();
  for (const observer of observers) {
    for (const [name, handler] of Object.entries(observer ?? {})) {
      if (typeof handler !== 'function') continue;
      handlers.set(name, [...(handlers.get(name) ?? []), (handler as (event: unknown) => void).bind(observer)]);
    }
  }
  return Object.fromEntries(
    [...handlers].map(([name, list]) => [name, (event: unknown) => list.forEach((handler) => handler(event))]),
  ) as PipelineObserver;
}

/**
 * Answers one question as Server-Sent Events: `route`, `sql` per attempt, `rows` (columns and the
 * first rows), `token` per streamed answer piece, then `done` with the full response, or `error`
 * with the stable error body. Closing the connection aborts the pipeline, which cancels the query.
 */
export async function streamQuery(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, body: QueryRequest): Promise<void> {
  const cancellation = requestAbortSignal(app, reply);
  const writer = new SseWriter(reply.raw);
  reply.hijack();
  // Headers that hooks set on the reply (security headers, request id) would be lost by hijack.
  writer.open(reply.getHeaders());
  const streaming: PipelineObserver = {
    onRoute: (event) => writer.send('route', event),
    onAttempt: (event) => writer.send('sql', event),
    onRows: (event) =>
      writer.send('rows', { columns: event.columns, rows: event.rows.slice(0, previewRows), truncated: event.truncated, rowCount: event.rows.length }),
    onAnswerToken: (event) => writer.send('token', event),
  };
  const runOptions = operationsRunOptions(app, request);
  try {
    const response = await app.queryPipeline.run(body, {
      ...runOptions,
      signal: cancellation.signal,
      observer: combineObservers(runOptions.observer, streaming),
    });
    writer.send('done', response);
  } catch (error) {
    const mapped = toSwitchyardError(error);
    request.streamedErrorStatus = mapped.statusCode;
    if (mapped.statusCode >= 500) request.log.error({ err: error, code: mapped.code }, 'streamed request failed');
    writer.send('error', { status: mapped.statusCode, ...mapped.toResponseBody() });
  } finally {
    cancellation.release();
    writer.close();
  }
}

/** Whether the client asked for Server-Sent Events. */
export function wantsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/** POST /query/stream: the /query pipeline as Server-Sent Events. */
const streamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/query/stream',
    {
      schema: {
        tags: ['query'],
        summary: 'Answer a question, streaming each stage as Server-Sent Events',
        description:
          'Events: `route` {source, tables}; `sql` per attempt {attempt, sql, error?}; `rows` {columns, rows (first 20), truncated, rowCount}; `token` {text} as the answer streams; `done` with the full /query response; `error` {status, error: {code, message, details?}}. `Accept: text/event-stream` on POST /query does the same. Closing the connection cancels the query.',
        body: QueryRequestSchema,
        // No `produces`: @fastify/swagger would give the JSON errors below that media type too.
        response: {
          200: { description: 'A text/event-stream of the events above.', content: EventStreamContent },
          400: ErrorResponseSchema,
          ...AccessErrorResponses,
          ...BodyErrorResponses,
          503: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => streamQuery(app, request, reply, request.body),
  );
};

export default streamRoutes;
