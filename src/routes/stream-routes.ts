import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toSwitchyardError } from '../errors/framework-error-mapper.js';
import { operationsRunOptions } from '../metrics/operations-run-options.js';
import { combineObservers, type PipelineObserver } from '../metrics/pipeline-observer.js';
import { AccessErrorResponses, BodyErrorResponses, ServiceErrorResponses } from '../schemas/error-schema.js';
import { EventStreamContent, type QueryEvent } from '../schemas/query-event-schema.js';
import { queryRequestSchema, type QueryRequest, type QueryRequestLimits } from '../schemas/query-schema.js';
import { requestAbortSignal } from './request-abort-signal.js';
import { SseWriter } from './sse-writer.js';

/** Options of the routes that take a question (POST /query and POST /query/stream). */
export interface QueryRoutesOptions {
  /** The running limits, which the request schema states and enforces. */
  readonly limits: QueryRequestLimits;
}

/** Rows sent in the `rows` event; the full set arrives with `done`. */
const previewRows = 20;

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
  // Each payload is built field by field: the stream bypasses the serializer, so nothing the schema lacks may leak.
  const send = (event: QueryEvent): void => writer.send(event.event, event);
  const streaming: PipelineObserver = {
    onRoute: ({ source, tables }) => send({ event: 'route', source, tables }),
    onAttempt: ({ attempt, sql, error }) => send({ event: 'sql', attempt, sql, ...(error === undefined ? {} : { error }) }),
    onPart: ({ index, source, table, sql, pushedFilters, rows, bytes, milliseconds }) =>
      send({ event: 'part', index, source, table, sql, pushedFilters, rows, bytes, milliseconds }),
    onRows: ({ columns, rows, truncated }) =>
      send({ event: 'rows', columns: columns.map(({ name, type }) => ({ name, type })), rows: rows.slice(0, previewRows), truncated, rowCount: rows.length }),
    onAnswerToken: ({ text }) => send({ event: 'token', text }),
  };
  const runOptions = operationsRunOptions(app, request);
  try {
    const response = await app.queryPipeline.run(body, {
      ...runOptions,
      signal: cancellation.signal,
      observer: combineObservers(runOptions.observer, streaming),
    });
    send({ ...response, event: 'done' });
  } catch (error) {
    const mapped = toSwitchyardError(error);
    request.streamedErrorStatus = mapped.statusCode;
    if (mapped.statusCode >= 500) request.log.error({ err: error, code: mapped.code }, 'streamed request failed');
    send({ event: 'error', status: mapped.statusCode, ...mapped.toResponseBody() });
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
const streamRoutes: FastifyPluginAsyncTypebox<QueryRoutesOptions> = async (app, options) => {
  app.post(
    '/query/stream',
    {
      schema: {
        operationId: 'streamQuestion',
        tags: ['query'],
        summary: 'Answer a question, streaming each stage as Server-Sent Events',
        description:
          'Events, each a JSON `data:` object whose `event` property repeats the SSE event name (schema `QueryEvent`): `route` {source, tables}; `sql` per attempt {attempt, sql, error?}; `rows` {columns, rows (first 20), truncated, rowCount}; `token` {text} as the answer streams; then `done` with the full /query response, or `error` {status, error} with the status and error body POST /query would have answered. Errors found before the stream opens (validation, key, rate limit) answer with their status and the error body. `Accept: text/event-stream` on POST /query does the same. Closing the connection cancels the query.',
        body: queryRequestSchema(options.limits),
        // No `produces`: @fastify/swagger would give the JSON errors below that media type too.
        response: {
          200: { description: 'A text/event-stream of `QueryEvent`s, ending with `done` or `error`.', content: EventStreamContent },
          ...ServiceErrorResponses,
          ...BodyErrorResponses,
          ...AccessErrorResponses,
        },
      },
    },
    async (request, reply) => streamQuery(app, request, reply, request.body),
  );
};

export default streamRoutes;
