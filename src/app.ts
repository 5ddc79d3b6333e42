import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Settings } from './config/settings.js';
import type { LanguageModel } from './llm/language-model.js';
import { installErrorHandlers } from './app-error-handler.js';
import swaggerPlugin from './plugins/external/swagger-plugin.js';
import catalogPlugin from './plugins/app/catalog-plugin.js';
import guardPlugin from './plugins/app/guard-plugin.js';
import llmPlugin from './plugins/app/llm-plugin.js';
import pipelinePlugin from './plugins/app/pipeline-plugin.js';
import healthRoutes from './routes/health-routes.js';
import catalogRoutes from './routes/catalog-routes.js';
import queryRoutes from './routes/query-routes.js';

/** How to build the app. */
export interface AppOptions {
  /** Service settings. */
  readonly settings: Settings;
  /** A model to use instead of the configured one (tests use a scripted double). */
  readonly languageModel?: LanguageModel;
  /** Environment the LLM settings are read from. Default is process.env. */
  readonly environment?: NodeJS.ProcessEnv;
  /** Fastify logger option. Default is false (server.ts turns it on). */
  readonly logger?: boolean | { level: string };
}

/** Builds the service without listening: external plugins, then app services, then routes. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandlers(app);

  await app.register(swaggerPlugin);

  await app.register(catalogPlugin, { settings: options.settings });
  await app.register(guardPlugin);
  await app.register(llmPlugin, {
    environment: options.environment ?? process.env,
    ...(options.languageModel ? { languageModel: options.languageModel } : {}),
  });
  await app.register(pipelinePlugin, { settings: options.settings });

  await app.register(healthRoutes);
  await app.register(catalogRoutes);
  await app.register(queryRoutes);
  await app.ready();
  return app;
}
