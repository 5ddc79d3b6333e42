import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccessErrorResponses, BodyErrorResponses, QuestionErrorResponses, ServiceErrorResponses } from '../schemas/error-schema.js';
import { QueryResponseSchema, queryRequestSchema } from '../schemas/query-schema.js';
import { operationsRunOptions } from '../metrics/operations-run-options.js';
import { requestAbortSignal } from './request-abort-signal.js';
import { streamQuery, wantsEventStream, type QueryRoutesOptions } from './stream-routes.js';

/** POST /query: a question in, SQL, rows and an answer out. */
const queryRoutes: FastifyPluginAsyncTypebox<QueryRoutesOptions> = async (app, options) => {
  app.post(
    '/query',
    {
      schema: {
        operationId: 'askQuestion',
        tags: ['query'],
        summary: 'Answer a question',
        description:
          "Routes the question to a source and tables (unless `source` is given), writes SQL in that source's dialect, proves it read-only, runs it (repairing it from the database error up to the attempt limit) and explains the rows. With `Accept: text/event-stream` it answers as POST /query/stream does; that route documents the events.",
        body: queryRequestSchema(options.limits),
        response: {
          200: QueryResponseSchema,
          ...ServiceErrorResponses,
          ...BodyErrorResponses,
          ...AccessErrorResponses,
          ...QuestionErrorResponses,
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
