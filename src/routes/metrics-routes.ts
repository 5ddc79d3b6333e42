import type { FastifyPluginAsync } from 'fastify';
import { ServiceErrorResponses } from '../schemas/error-schema.js';

/** GET /metrics: Prometheus text format. */
const metricsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'metrics',
        tags: ['health'],
        summary: 'Prometheus metrics',
        security: [],
        description: 'Counters and histograms in the Prometheus text exposition format.',
        response: {
          200: { description: 'The metrics as text (Prometheus exposition format 0.0.4).', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...ServiceErrorResponses,
        },
      },
    },
    async (_request, reply) => {
      const text = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(text);
    },
  );
};

export default metricsRoutes;
