import type { FastifyPluginAsync } from 'fastify';

/** GET /metrics: Prometheus text format. */
const metricsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/metrics',
    { schema: { tags: ['health'], summary: 'Prometheus metrics', security: [], description: 'Counters and histograms in the Prometheus text exposition format.' } },
    async (_request, reply) => {
      const text = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(text);
    },
  );
};

export default metricsRoutes;
