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
    async () => app.catalog.status(),
  );
};

export default catalogStatusRoutes;
