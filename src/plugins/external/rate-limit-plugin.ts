import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ServiceConfig } from '../../config/service-config.js';

/** Options of the rate-limit plugin. */
export interface RateLimitPluginOptions {
  /** The service config: SWITCHYARD_RATE_LIMIT_MAX, SWITCHYARD_RATE_LIMIT_WINDOW_MS and SWITCHYARD_REDIS_URL. */
  readonly config: Pick<ServiceConfig, 'rateLimitMax' | 'rateLimitWindowMs' | 'redisUrl'>;
}

const unlimitedPaths = new Set(['/health', '/ready', '/metrics']);

/**
 * Requests per window per API key (per IP when auth is off) → 429 with Retry-After. Counters live in
 * Redis when SWITCHYARD_REDIS_URL is set, so replicas share one budget; if Redis is unreachable the
 * limit is skipped (logged by ioredis' error handler) rather than failing requests.
 * SWITCHYARD_RATE_LIMIT_MAX=0 turns the limit off.
 */
export default fp<RateLimitPluginOptions>(
  async (app, options) => {
    const { rateLimitMax: max, rateLimitWindowMs: timeWindow, redisUrl } = options.config;
    if (max === 0) return;
    let redis: Redis | undefined;
    if (redisUrl) {
      redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: (times) => Math.min(times * 200, 2000) });
      let warned = false;
      redis.on('error', (error: Error) => {
        if (!warned) app.log.warn({ error: error.message }, 'rate-limit redis unreachable; requests are not rate limited until it returns');
        warned = true;
      });
      redis.on('ready', () => {
        warned = false;
      });
      app.addHook('onClose', async () => redis?.disconnect());
    }
    await app.register(rateLimit, {
      global: true,
      max,
      timeWindow,
      // After authentication (onRequest), so the key is the client, not the address it calls from.
      hook: 'preHandler',
      keyGenerator: (request) => (request.apiClient ? `client:${request.apiClient.id}` : `ip:${request.ip}`),
      allowList: (request) => unlimitedPaths.has(request.routeOptions.url ?? ''),
      skipOnError: true,
      nameSpace: 'switchyard:rate-limit:',
      ...(redis ? { redis } : {}),
      errorResponseBuilder: (_request, context) =>
        new SwitchyardError('SWY_ERR_RATE_LIMITED', `Rate limit exceeded: ${context.max} requests per ${context.after}; retry later`, {
          details: { limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        }),
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
