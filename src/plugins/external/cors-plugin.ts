import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import type { ServiceConfig } from '../../config/service-config.js';

/** Options of the CORS plugin. */
export interface CorsPluginOptions {
  /** The service config: SWITCHYARD_CORS_ORIGINS. */
  readonly config: Pick<ServiceConfig, 'corsOrigins'>;
}

/**
 * Cross-origin access, off unless SWITCHYARD_CORS_ORIGINS lists origins (comma-separated, or `*`):
 * a browser on another origin gets no access to the API by default.
 */
export default fp<CorsPluginOptions>(
  async (app, options) => {
    const origins = options.config.corsOrigins;
    await app.register(cors, {
      origin: origins.includes('*') ? true : origins.length > 0 ? [...origins] : false,
      // DELETE and the Mcp-* headers are the Streamable HTTP transport's (/mcp); a browser client also needs its
      // origin in SWITCHYARD_MCP_ALLOWED_ORIGINS.
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-request-id', 'mcp-session-id', 'mcp-protocol-version', 'last-event-id'],
      exposedHeaders: ['retry-after', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'mcp-session-id'],
      maxAge: 600,
    });
  },
  { name: 'cors' },
);
