import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccessErrorResponses, BodyErrorResponses, ErrorResponseSchema } from '../schemas/error-schema.js';
import { EventStreamContent, QueryRequestSchema, QueryResponseSchema } from '../schemas/query-schema.js';
import { operationsRunOptions } from '../metrics/operations-run-options.js';
import { requestAbortSignal } from './request-abort-signal.js';
import { streamQuery, wantsEventStream } from './stream-routes.js';

/** POST /query: a question in, SQL, rows and an answer out. */
const queryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/query',
    {
      schema: {
        tags: ['query'],
        summary: 'Answer a question',
        description:
          'Routes the question to a source and tables (unless `source` is given), writes SQL in that source\'s dialect, proves it read-only, runs it (repairing it from the database error up to the attempt limit) and explains the rows.',
        body: QueryRequestSchema,
        response: {
          // A content map rather than a bare schema, so the document shows both answers; Fastify still
          // serializes the JSON answer through QueryResponseSchema, chosen by the reply's content type.
          200: {
            description: 'The answer as JSON, or with `Accept: text/event-stream` the same answer as the Server-Sent Events of POST /query/stream.',
            content: { 'application/json': { schema: QueryResponseSchema }, ...EventStreamContent },
          },
          400: ErrorResponseSchema,
          ...AccessErrorResponses,
          403: ErrorResponseSchema,
          404: ErrorResponseSchema,
          ...BodyErrorResponses,
          422: ErrorResponseSchema,
          502: ErrorResponseSchema,
          503: ErrorResponseSchema,
          504: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      // `Accept: text/event-stream` gets the same answer as Server-Sent Events (see POST /query/stream).
      if (wantsEventStream(request)) return streamQuery(app, request, reply, request.body);
      const cancellation = requestAbortSignal(app, reply);
      try {
        return await app.queryPipeline.run(request.body, { signal: cancellation.signal, ...operationsRunOptions(app, request) });
      } finally {
        cancellation.release();
      }
    },
  );
};

export default queryRoutes;
