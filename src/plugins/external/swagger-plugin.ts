import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { namedSubschemas, referenceNamedSchemas } from '../../schemas/named-schemas.js';

/**
 * OpenAPI 3 document generated from the route schemas, served at /openapi.json, with a browsable UI at
 * /docs. Every schema with an `$id` becomes a component of that name, referred to wherever it is used.
 */
export default fp(
  async (app) => {
    // Each named schema a route uses is registered once as a shared schema, with the named schemas
    // inside it as references, so the document lists it under components/schemas by its `$id`.
    const registered = new Map<string, string>();
    app.addHook('onRoute', (route) => {
      if (route.schema === undefined) return;
      for (const [id, schema] of namedSubschemas(route.schema)) {
        const shared = referenceNamedSchemas(schema, true) as { $id: string };
        const text = JSON.stringify(shared);
        const known = registered.get(id);
        if (known === text) continue;
        if (known !== undefined) throw new Error(`Two different schemas are named ${id} (route ${route.method} ${route.url})`);
        registered.set(id, text);
        app.addSchema(shared);
      }
    });

    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Switchyard',
          description:
            'Ask questions of company data in plain English. Every error answers with the same body, `{ error: { code, message, details? } }`, whose `code` is one of the stable `ErrorCode` values.',
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
      // Components are named by `$id` (the default would be def-0, def-1, ...).
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) },
      // The route schemas stay whole for Fastify; the document refers to their named parts instead.
      transform: ({ schema, url }) => ({ schema: referenceNamedSchemas(schema, true) as typeof schema, url }),
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
