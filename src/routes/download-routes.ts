import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { AccessErrorResponses, ServiceErrorResponses, errorResponse } from '../schemas/error-schema.js';
import { requestAbortSignal } from './request-abort-signal.js';

/**
 * GET /query/{id}/rows.csv: the pipeline runs the answered query again in full (see
 * QueryPipeline.downloadRows), up to SWITCHYARD_CSV_MAX_ROWS (default 100,000) rows or the source's own
 * `maxRows` when lower; the route streams the CSV.
 */
// Plain FastifyPluginAsync: the body is a stream, which the TypeBox-typed reply would not accept.
const downloadRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>(
    '/query/:id/rows.csv',
    {
      schema: {
        operationId: 'downloadRows',
        tags: ['query'],
        summary: 'Download the full result of an answered question as CSV',
        description:
          'Re-runs the query behind a /query response (by its `queryId`) up to SWITCHYARD_CSV_MAX_ROWS rows. Header `x-switchyard-truncated: true` says the cap was reached. Ids expire with the conversation TTL. Only the API client that asked the question can download it; for any other client the id answers 404 like an unknown one.',
        params: Type.Object({ id: Type.String({ maxLength: 64, description: 'The `queryId` of a /query answer.' }) }),
        // No `produces`: @fastify/swagger would give the JSON errors below that media type too.
        response: {
          200: {
            description: 'The rows as CSV, header line first.',
            headers: { 'x-switchyard-truncated': { type: 'string', enum: ['true', 'false'], description: '`true` when the row cap was reached.' } },
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...ServiceErrorResponses,
          ...AccessErrorResponses,
          400: errorResponse('The id is malformed (SWY_ERR_VALIDATION).'),
          404: errorResponse('The id is unknown, expired or another client\'s (SWY_ERR_NOT_FOUND).'),
          422: errorResponse('The stored SQL no longer passes the guard, or fails on the database (SWY_ERR_SQL_REJECTED, SWY_ERR_QUERY_FAILED).'),
          502: errorResponse('The source failed (SWY_ERR_SOURCE_UNAVAILABLE).'),
          503: errorResponse('The source is busy, not loaded or behind an open circuit, or the service is shutting down; retry after Retry-After when sent.'),
          504: errorResponse('The query timed out (SWY_ERR_QUERY_TIMEOUT).'),
        },
      },
    },
    async (request, reply) => {
      const cancellation = requestAbortSignal(app, reply);
      const download = await app.queryPipeline
        .downloadRows({
          queryId: request.params.id,
          client: request.apiClient?.id,
          allowedSources: request.apiClient?.allowedSources,
          rowCap: app.csvMaxRows,
          signal: cancellation.signal,
        })
        .finally(cancellation.release);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="switchyard-${request.params.id.slice(0, 8)}.csv"`)
        .header('x-switchyard-truncated', String(download.truncated))
        .send(Readable.from(download.chunks));
    },
  );
};

export default downloadRoutes;
