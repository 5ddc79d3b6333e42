import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SourceScope } from '../access/source-scope.js';
import { CatalogStatusResponseSchema } from '../schemas/admin-schema.js';
import { AccessErrorResponses, ServiceErrorResponses } from '../schemas/error-schema.js';

/** GET /catalog/status: per-source load state, so a failing loader is visible. */
const catalogStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/catalog/status',
    {
      schema: {
        operationId: 'getCatalogStatus',
        tags: ['catalog'],
        summary: 'Catalog load state per source',
        description: 'Snapshot version, refresh state, and per source: origin, loaded at, tables and the last load error.',
        response: { 200: CatalogStatusResponseSchema, ...AccessErrorResponses, ...ServiceErrorResponses },
      },
    },
    async (request) => {
      const status = app.catalog.status();
      if (request.apiClient?.allowedSources === undefined) return status;
      // A scoped key sees its own sources' load state; overlay warnings name other sources' tables.
      const scope = new SourceScope(request.apiClient.allowedSources);
      const scoped = { ...status, sources: status.sources.filter((source) => scope.allows(source.name)) };
      if (status.lastRefresh === undefined) return scoped;
      const { warnings: _warnings, ...lastRefresh } = status.lastRefresh;
      return { ...scoped, lastRefresh };
    },
  );
};

export default catalogStatusRoutes;
