import crypto from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { CatalogStatusResponseSchema } from '../schemas/admin-schema.js';
import { AccessErrorResponses, BodyErrorResponses, ServiceErrorResponses, errorResponse } from '../schemas/error-schema.js';

/** Options of the admin routes. */
export interface AdminRoutesOptions {
  /** The admin bearer token; undefined disables the admin endpoints (never open by default). */
  readonly adminToken: string | undefined;
}

function sameSecret(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual never throws and the length does not leak.
  const left = crypto.createHash('sha256').update(presented).digest();
  const right = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(left, right);
}

function requireAdmin(request: FastifyRequest, adminToken: string | undefined): void {
  if (adminToken === undefined) {
    throw new SwitchyardError('SWY_ERR_ADMIN_DISABLED', 'Admin endpoints are disabled: set SWITCHYARD_ADMIN_TOKEN to enable them', {
      details: { variable: 'SWITCHYARD_ADMIN_TOKEN' },
    });
  }
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (match === null || !sameSecret(match[1]!.trim(), adminToken)) {
    throw new SwitchyardError('SWY_ERR_ADMIN_UNAUTHORIZED', 'A valid admin bearer token is required (Authorization: Bearer <SWITCHYARD_ADMIN_TOKEN>)');
  }
}

/** POST /admin/catalog/refresh: rebuilds the catalog snapshot beside the served one. */
const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  // The route reads no body, but axios (and so orval's default client) labels a bodiless POST as a form:
  // an empty form is no body; a form with content is still refused like any other non-JSON body.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    done(new SwitchyardError('SWY_ERR_UNSUPPORTED_MEDIA_TYPE', `Unsupported Media Type: ${request.headers['content-type']}`));
  });
  app.post(
    '/admin/catalog/refresh',
    {
      schema: {
        operationId: 'refreshCatalog',
        tags: ['admin'],
        summary: 'Refresh the catalog now',
        // Only the admin token opens this route, so generated clients must not offer an API key here.
        security: [{ adminToken: [] }],
        description:
          'Rebuilds the catalog snapshot beside the served one and swaps it in; /query keeps answering from the old snapshot meanwhile. Requires `Authorization: Bearer <SWITCHYARD_ADMIN_TOKEN>`. 409 while a refresh runs; a bad overlay fails with its file and line and the old snapshot stays.',
        response: {
          200: CatalogStatusResponseSchema,
          ...ServiceErrorResponses,
          ...BodyErrorResponses,
          401: errorResponse('No valid admin token (SWY_ERR_ADMIN_UNAUTHORIZED); an API key never opens this route.'),
          403: errorResponse('Admin endpoints are off (SWY_ERR_ADMIN_DISABLED): set SWITCHYARD_ADMIN_TOKEN to enable them.'),
          409: errorResponse('A refresh is already running (SWY_ERR_REFRESH_IN_PROGRESS).'),
          // Rate limited like every route but the probes, per client address: the admin token is not an API key.
          429: AccessErrorResponses[429],
          500: errorResponse('An overlay is invalid (SWY_ERR_CONFIG_INVALID, naming its file and line; the served snapshot stays), or an internal error.'),
        },
      },
    },
    async (request) => {
      requireAdmin(request, options.adminToken);
      await app.catalog.refresh();
      return app.catalog.status();
    },
  );
};

export default adminRoutes;
