import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponseSchema, ServiceErrorResponses } from '../schemas/error-schema.js';
import { HealthResponseSchema, ReadyResponseSchema } from '../schemas/health-schema.js';

/**
 * GET /health (the process is alive) and GET /ready (the catalog is loaded; per-source health as
 * the catalog serves it; the model server probed without spending tokens).
 */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    { schema: { operationId: 'health', tags: ['health'], summary: 'Liveness', security: [], response: { 200: HealthResponseSchema, ...ServiceErrorResponses } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        operationId: 'ready',
        tags: ['health'],
        summary: 'Readiness',
        security: [],
        response: {
          200: ReadyResponseSchema,
          500: ServiceErrorResponses[500],
          503: {
            description: 'The catalog is not loaded yet (the readiness report), or the service is shutting down (the error body, SWY_ERR_SHUTTING_DOWN).',
            content: { 'application/json': { schema: Type.Union([ReadyResponseSchema, ErrorResponseSchema]) } },
          },
        },
      },
    },
    async (request, reply) => {
      const loaded = app.catalog.isLoaded;
      const [sources, llm] = await Promise.all([app.sources.readiness(), app.llm.probe()]);
      // One source being down does not make the service unready: the others still answer.
      const body = {
        ready: loaded,
        catalogVersion: loaded ? app.catalog.snapshot.version : null,
        llmConfigured: app.queryPipeline.hasLanguageModel,
        // Like a source's error, the model server's address is not for anyone who can reach the port.
        llm: app.apiKeys.enabled ? (({ url: _url, detail: _detail, ...rest }) => rest)(llm) : llm,
        // /ready answers probes without a key; with keys on, why a source is down (which may name hosts
        // and ports) is for the debug log and authenticated endpoints, not anyone who can reach the port.
        sources: app.apiKeys.enabled ? sources.map(({ name, healthy }) => ({ name, healthy })) : sources,
      };
      // Debug, not warn: probes call this every few seconds, and a down source would flood the log.
      for (const source of sources) if (source.error !== undefined) request.log.debug({ source: source.name, error: source.error }, 'source failed its readiness ping');
      return reply.code(loaded ? 200 : 503).send(body);
    },
  );
};

export default healthRoutes;
