import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI 3 document generated from the route schemas, served at /openapi.json, with a browsable UI at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Switchyard',
          description: 'Ask questions of company data in plain English.',
          version: '0.1.0',
        },
        // Generated clients send the key only when the document says how: either header works.
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key as a bearer token.' },
            apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key.' },
            // A scheme of its own so /admin routes can require it alone: an API key never opens them.
            adminToken: { type: 'http', scheme: 'bearer', description: 'SWITCHYARD_ADMIN_TOKEN as a bearer token (admin routes only).' },
          },
        },
        security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
        tags: [
          { name: 'query', description: 'Ask questions' },
          { name: 'catalog', description: 'Sources, tables and columns' },
          { name: 'health', description: 'Liveness and readiness' },
          { name: 'admin', description: 'Operator actions; need the admin token' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
