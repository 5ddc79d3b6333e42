import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogResponseSchema, SourcesResponseSchema } from '../schemas/catalog-schema.js';
import { AccessErrorResponses, ServiceErrorResponses, errorResponse } from '../schemas/error-schema.js';
import { SourceScope } from '../access/source-scope.js';
import { summarizeSource, viewSource } from '../catalog/catalog-view.js';

/** What the catalog routes answer besides their report: the service's errors, and 503 before the first load. */
const CatalogErrorResponses = {
  ...ServiceErrorResponses,
  503: errorResponse('The catalog is still loading (SWY_ERR_CATALOG_NOT_READY), or the service is shutting down; retry shortly.'),
} as const;

/**
 * GET /sources and GET /catalog: what can be asked about. A key scoped to some sources sees only
 * those; listing the others would hand it their tables, columns and sampled values.
 */
const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sources',
    { schema: { operationId: 'listSources', tags: ['catalog'], summary: 'List sources', response: { 200: SourcesResponseSchema, ...AccessErrorResponses, ...CatalogErrorResponses } } },
    async (request) => {
      const scope = new SourceScope(request.apiClient?.allowedSources);
      return {
        sources: app.catalog.snapshot.sources.filter((source) => scope.allows(source.name)).map(summarizeSource),
      };
    },
  );

  app.get(
    '/catalog',
    {
      schema: {
        operationId: 'getCatalog',
        tags: ['catalog'],
        summary: 'Sources, tables and columns with types, descriptions and sample values, and the relationships between sources',
        response: { 200: CatalogResponseSchema, ...AccessErrorResponses, ...CatalogErrorResponses },
      },
    },
    async (request) => {
      const snapshot = app.catalog.snapshot;
      const scope = new SourceScope(request.apiClient?.allowedSources);
      return {
        version: snapshot.version,
        builtAt: snapshot.builtAt,
        sources: snapshot.sources.filter((source) => scope.allows(source.name)).map(viewSource),
        relationships: (snapshot.relationships ?? []).filter((relationship) => scope.allows(relationship.from.source) && scope.allows(relationship.to.source)),
        crossSourceQuestions: snapshot.sources
          .flatMap((source) => source.crossSourceExamples ?? [])
          .filter((example) => example.sources.every((name) => scope.allows(name)))
          .map(({ question, sources }) => ({ question, sources })),
      };
    },
  );
};

export default catalogRoutes;
