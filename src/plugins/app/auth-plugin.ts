import fp from 'fastify-plugin';
import { ApiKeyRegistry, type ApiClient } from '../../access/api-key-registry.js';
import type { ServiceConfig } from '../../config/service-config.js';
import { SwitchyardError } from '../../errors/switchyard-error.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** API keys and whether they are required. */
    apiKeys: ApiKeyRegistry;
  }
  interface FastifyRequest {
    /** The client identified by the request's API key; undefined when auth is off. */
    apiClient: ApiClient | undefined;
  }
}

/** Options of the auth plugin. */
export interface AuthPluginOptions {
  /** The service config: SWITCHYARD_AUTH and SWITCHYARD_API_KEYS. */
  readonly config: Pick<ServiceConfig, 'auth' | 'apiKeys'>;
}

// Data endpoints (the MCP endpoint too) need a key; health, metrics and the API description stay open for probes and tooling.
const protectedPrefixes = ['/query', '/sources', '/catalog', '/mcp'];

function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) return authorization.replace(/^bearer\s+/i, '').trim();
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/**
 * Identifies the client from `Authorization: Bearer <key>` or `X-API-Key`. Auth is on whenever keys
 * are configured (or SWITCHYARD_AUTH=required); only the zero-config demo runs open without saying
 * so, since the catalog plugin refuses a real catalog without keys unless SWITCHYARD_AUTH=off.
 */
export default fp<AuthPluginOptions>(
  async (app, options) => {
    const registry = ApiKeyRegistry.fromConfig(options.config);
    app.decorate('apiKeys', registry);
    app.decorateRequest('apiClient', undefined);
    if (!registry.enabled) {
      // Said once the app is up: a real catalog without keys refuses to start before this.
      app.addHook('onReady', async () => {
        app.log.warn('auth is off: /query is open to anyone who can reach the service (set SWITCHYARD_API_KEYS to require keys)');
      });
      return;
    }
    app.addHook('onRequest', async (request) => {
      // The route template, not the raw URL: the router decodes `/q%75ery` to /query, so a check on
      // the raw text would let a percent-encoded path past the key check (and past source scoping).
      const path = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
      if (!protectedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return;
      const key = presentedKey(request.headers);
      const client = key === undefined || key === '' ? undefined : registry.identify(key);
      if (client === undefined) {
        throw new SwitchyardError('SWY_ERR_UNAUTHORIZED', key ? 'The API key is not valid' : 'An API key is required: send "Authorization: Bearer <key>"');
      }
      request.apiClient = client;
    });
  },
  { name: 'auth' },
);
