import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServiceConfig } from './config/service-config.js';
import type { LanguageModel } from './llm/language-model.js';
import { drainOnClose } from './app-closing-hook.js';
import { installErrorHandlers } from './app-error-handler.js';
import { toSwitchyardError } from './errors/framework-error-mapper.js';
import { recordRejectedQuestions } from './metrics/rejected-question-hook.js';
import swaggerPlugin from './plugins/external/swagger-plugin.js';
import helmetPlugin from './plugins/external/helmet-plugin.js';
import corsPlugin from './plugins/external/cors-plugin.js';
import rateLimitPlugin from './plugins/external/rate-limit-plugin.js';
import metricsPlugin from './plugins/app/metrics-plugin.js';
import authPlugin from './plugins/app/auth-plugin.js';
import auditPlugin from './plugins/app/audit-plugin.js';
import cachePlugin from './plugins/app/cache-plugin.js';
import metricsRoutes from './routes/metrics-routes.js';
import sourcesPlugin from './plugins/app/sources-plugin.js';
import catalogPlugin from './plugins/app/catalog-plugin.js';
import guardPlugin from './plugins/app/guard-plugin.js';
import llmPlugin from './plugins/app/llm-plugin.js';
import pipelinePlugin from './plugins/app/pipeline-plugin.js';
import healthRoutes from './routes/health-routes.js';
import catalogRoutes from './routes/catalog-routes.js';
import catalogStatusRoutes from './routes/catalog-status-routes.js';
import adminRoutes from './routes/admin-routes.js';
import queryRoutes from './routes/query-routes.js';
import conversationPlugin from './plugins/app/conversation-plugin.js';
import streamRoutes from './routes/stream-routes.js';
import downloadRoutes from './routes/download-routes.js';
import webRoutes from './routes/web-routes.js';
import mcpPlugin from './plugins/app/mcp-plugin.js';
import mcpRoutes from './routes/mcp-routes.js';

/** How to build the app. */
export interface AppOptions {
  /** The service config, read once at start-up (tests read one from an environment of their own). */
  readonly config: ServiceConfig;
  /** A model to use instead of the configured one (tests use a scripted double). */
  readonly languageModel?: LanguageModel;
  /** Fastify logger option. Default is false (server.ts turns it on, readable on a terminal). */
  readonly logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /**
   * Evaluation only (never read from the environment or a request): the curated few-shot example
   * whose question is the one being asked is left out of the SQL prompt, so the eval scores the model.
   */
  readonly ownExampleLeftOut?: boolean;
}

/** Builds the service without listening: external plugins, then app services, then routes. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // A caller's X-Request-Id (e.g. from a gateway) ties our logs and audit records to theirs.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // Malformed URLs fail before routing, outside the error handler: give them the same error body.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(error.statusCode ?? 400).send(toSwitchyardError(error).toResponseBody());
    },
    // Requests arriving while the service drains get our error body (below), not Fastify's bare 503.
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandlers(app);
  const config = options.config;
  drainOnClose(app, config.shutdownGraceMs);
  // Before the routes, so the question routes carry its hook: it audits questions refused before their handler.
  recordRejectedQuestions(app);
  // Every body is JSON: a JSON document sent as text/plain is a client bug to answer with 415, not a
  // string that then fails validation as "body must be object".
  app.removeContentTypeParser('text/plain');

  await app.register(helmetPlugin);
  await app.register(corsPlugin, { config });
  // A little past the grace period, so requests aborted when it ends have answered before the listener closes.
  await app.register(metricsPlugin, { drainTimeoutMs: config.shutdownGraceMs + 1_000 });
  await app.register(authPlugin, { config });
  await app.register(rateLimitPlugin, { config });
  await app.register(swaggerPlugin);
  await app.register(auditPlugin, { config });
  await app.register(cachePlugin, { config });

  await app.register(sourcesPlugin, { settings: config });
  await app.register(catalogPlugin, { settings: config });
  await app.register(guardPlugin);
  await app.register(llmPlugin, {
    config,
    ...(options.languageModel ? { languageModel: options.languageModel } : {}),
  });
  await app.register(conversationPlugin, { config });
  await app.register(pipelinePlugin, { settings: config, ownExampleLeftOut: options.ownExampleLeftOut === true });

  await app.register(healthRoutes);
  await app.register(catalogRoutes);
  await app.register(catalogStatusRoutes);
  await app.register(adminRoutes, { adminToken: config.adminToken });
  await app.register(queryRoutes, { limits: config });
  await app.register(streamRoutes, { limits: config });
  await app.register(downloadRoutes);
  await app.register(webRoutes);
  await app.register(metricsRoutes);
  await app.register(mcpPlugin, { settings: config });
  await app.register(mcpRoutes);
  await app.ready();
  return app;
}
