import path from 'node:path';
import fp from 'fastify-plugin';
import type { Settings } from '../../config/settings.js';
import { findProjectRoot } from '../../config/project-root.js';
import { PromptLibrary } from '../../pipeline/prompt-library.js';
import { QueryPipeline } from '../../pipeline/query-pipeline.js';
import { createEmbeddingProvider } from '../../llm/embedding-provider-factory.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers questions end to end. */
    queryPipeline: QueryPipeline;
  }
}

/** Options of the pipeline plugin. */
export interface PipelinePluginOptions {
  /** The service config: limits, routing and the embedding provider. */
  readonly settings: Settings;
  /** Evaluation only: leave the curated example asking the scored question out of its SQL prompt. */
  readonly ownExampleLeftOut?: boolean | undefined;
}

/** Composes sources, catalog, guard, prompts and model into the query pipeline. */
export default fp<PipelinePluginOptions>(
  async (app, options) => {
    const prompts = await PromptLibrary.load(path.join(findProjectRoot(), 'prompts'));
    // Routing fuses these with lexical ranking when an embedding provider is configured.
    const embeddings = createEmbeddingProvider(options.settings);
    app.decorate(
      'queryPipeline',
      new QueryPipeline({
        catalog: app.catalog,
        sources: app.sources,
        embeddings,
        guard: app.sqlGuard,
        prompts,
        languageModel: app.llm.model,
        missingLlmSettings: app.llm.missing,
        countTokens: app.llm.countTokens,
        maxOutputTokens: app.llm.maxOutputTokens,
        outputTokenCeiling: app.llm.outputTokenCeiling,
        settings: options.settings,
        // Absent when the pipeline is composed without the conversation plugin: questions then stand alone.
        conversations: app.hasDecorator('conversations') ? app.conversations : undefined,
        queryRecords: app.hasDecorator('queryRecords') ? app.queryRecords : undefined,
        // The cache plugin may be absent when the pipeline is composed on its own (it then never caches).
        cache: app.hasDecorator('queryCache') ? app.queryCache : undefined,
        onCacheLookup: (layer, outcome) => (app.hasDecorator('metrics') ? app.metrics.cacheLookups.inc({ layer, outcome }) : undefined),
        ownExampleLeftOut: options.ownExampleLeftOut,
      }),
    );
  },
  { name: 'query-pipeline', dependencies: ['sources', 'catalog', 'sql-guard', 'llm'] },
);
