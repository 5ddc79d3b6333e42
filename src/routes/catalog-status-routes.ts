import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogStatusResponseSchema } from '../schemas/admin-schema.js';

/** GET /catalog/status: per-source load state, so a failing loader is visible. */
const catalogStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/catalog/status',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Catalog load state per source',
        description: 'Snapshot version, refresh state, and per source: origin, loaded at, tables and the last load error.',
        response: { 200: CatalogStatusResponseSchema },
      },
    },
    async (request) => {
      const status = app.catalog.status();
      const allowed = request.apiClient?.allowedSources;
      if (allowed === undefined) return status;
      // A scoped key sees its own sources' load state; overlay warnings name other sources' tables.
      const { warnings: _warnings, ...lastRefresh } = status.lastRefresh ?? { startedAt: '' };
      return { ...status, ...(status.lastRefresh ? { lastRefresh } : {}), sources: status.sources.filter((source) => allowed.has(source.name)) };
    },
  );
};

export default catalogStatusRoutes;
