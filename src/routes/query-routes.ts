import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BodyErrorResponses, ErrorResponseSchema } from '../schemas/error-schema.js';
import { QueryRequestSchema, QueryResponseSchema } from '../schemas/query-schema.js';
import { operationsRunOptions } from '../metrics/operations-run-options.js';
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
          200: QueryResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          403: ErrorResponseSchema,
          404: ErrorResponseSchema,
          ...BodyErrorResponses,
          429: ErrorResponseSchema,
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
      // Cancel the running query when the client goes away instead of finishing work nobody will read.
      const controller = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableEnded) controller.abort();
      };
      reply.raw.once('close', onClose);
      try {
        return await app.queryPipeline.run(request.body, { signal: controller.signal, ...operationsRunOptions(app, request) });
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
};

export default queryRoutes;
