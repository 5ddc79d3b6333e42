import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { SourceScope } from '../access/source-scope.js';
import { requireSqlDialect } from '../dialects/dialect-registry.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { raceAbortReason } from '../pipeline/abort-reason-race.js';
import { renderCsvLine } from '../rendering/csv-renderer.js';
import { sourceGuardFacts } from '../pipeline/source-guard-facts.js';
import { AccessErrorResponses, ServiceErrorResponses, errorResponse } from '../schemas/error-schema.js';
import { requestAbortSignal } from './request-abort-signal.js';

/** Rows rendered per chunk written to the socket. */
const rowsPerChunk = 500;

/**
 * GET /query/{id}/rows.csv. The stored query is re-run rather than the response rows replayed: the
 * response holds at most maxRows (default 1,000) rows, while a download should hold the full result.
 * The SQL the model wrote is proven read-only again by the guard, with the CSV row cap
 * (SWITCHYARD_CSV_MAX_ROWS, default 100,000, or the source's own `maxRows` when lower) as its LIMIT, and
 * run with the source's statement timeout.
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
      // Another client's id answers exactly like an unknown one, even when its key reaches the same source;
      // a client whose key no longer reaches the source learns nothing either, not even that the id exists.
      const record = app.queryRecords.get(request.params.id, request.apiClient?.id);
      const allowedSources = request.apiClient?.allowedSources;
      if (record === undefined || (allowedSources !== undefined && !allowedSources.has(record.source))) {
        throw new SwitchyardError('SWY_ERR_NOT_FOUND', 'This query is unknown or has expired; ask the question again.', {
          details: { queryId: request.params.id },
        });
      }
      const source = app.catalog.source(record.source, new SourceScope(allowedSources));
      const handle = app.sources.handle(record.source);
      // A source's own maxRows is a safety limit on that source, so it caps the download as well.
      const maxRows = handle.maxRowsFor(app.csvMaxRows);
      // The same default schema as the answer's check, so `schema.table` SQL that answered also downloads.
      const defaultSchema = handle.defaultSchema;
      const verdict = app.sqlGuard.check({
        sql: record.modelSql,
        dialect: requireSqlDialect(source.dialect),
        allowedTables: record.allowedTables,
        // From the current catalog, not the record: a column marked PII since the answer is protected too.
        ...sourceGuardFacts(source, handle.connector),
        rowLimit: maxRows + 1,
        ...(defaultSchema === undefined ? {} : { defaultSchema }),
      });
      if (!verdict.allowed) {
        throw new SwitchyardError('SWY_ERR_SQL_REJECTED', `The stored SQL was rejected: ${verdict.reason}`, { details: { rule: verdict.rule } });
      }
      const cancellation = requestAbortSignal(app, reply);
      const { signal } = cancellation;
      const running = handle.connector.execute(verdict.sql, { maxRows, timeoutMs: handle.timeoutMs, signal });
      const result = await raceAbortReason(running, signal).finally(cancellation.release);
      function* lines(): Generator<string> {
        yield renderCsvLine(result.columns.map((column) => column.name)) + '\n';
        for (let start = 0; start < result.rows.length; start += rowsPerChunk) {
          yield result.rows.slice(start, start + rowsPerChunk).map((row) => renderCsvLine(row) + '\n').join('');
        }
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="switchyard-${request.params.id.slice(0, 8)}.csv"`)
        .header('x-switchyard-truncated', String(result.truncated))
        .send(Readable.from(lines()));
    },
  );
};

export default downloadRoutes;
