import fp from 'fastify-plugin';
import type { ServiceConfig } from '../../config/service-config.js';
import type { LanguageModel } from '../../llm/language-model.js';
import { createLanguageModel } from '../../llm/language-model-factory.js';
import { ModelServerProbe } from '../../llm/model-server-probe.js';
import type { ModelServerProbeResult } from '../../llm/model-server-probe-result.js';
import { readLlmSettings } from '../../llm/llm-settings.js';
import { createTokenCounter } from '../../llm/tokens/token-counter.js';
import { ResilientLanguageModel } from '../../resilience/resilient-language-model.js';

/** The configured model, or what is missing to configure one. */
export interface LlmService {
  /** The model, wrapped with timeout and retries; undefined when none is configured. */
  readonly model: LanguageModel | undefined;
  /** Environment variables to set when `model` is undefined. */
  readonly missing: string[];
  /** Counts tokens with the model's tokenizer. */
  readonly countTokens: (text: string) => number;
  /** Default generation cap per call. */
  readonly maxOutputTokens: number;
  /** Largest generation cap of a re-ask after a reply was cut at the cap. */
  readonly outputTokenCeiling: number;
  /** Checks the model server answers and knows the model, spending no tokens (GET /ready). */
  readonly probe: () => Promise<ModelServerProbeResult>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The language model service. */
    llm: LlmService;
  }
}

/** Options of the LLM plugin. */
export interface LlmPluginOptions {
  /** The service config: the LLM settings and the breaker limits. */
  readonly config: ServiceConfig;
  /** A model to use instead of the configured one (tests). */
  readonly languageModel?: LanguageModel;
}

/**
 * Reads the LLM settings and builds the model. A service without a model still starts, so that
 * /catalog and /openapi.json work; /query then answers 503 naming the settings to set.
 */
export default fp<LlmPluginOptions>(
  async (app, options) => {
    const settings = readLlmSettings(options.config);
    const creation = options.languageModel ? undefined : createLanguageModel(settings);
    const configured = options.languageModel ?? (creation && 'model' in creation ? creation.model : undefined);
    // Circuit breaker per provider and call/token/error metrics, outside the adapter's own timeout and retries.
    const metrics = app.hasDecorator('metrics') ? app.metrics : undefined;
    const model =
      configured &&
      new ResilientLanguageModel(configured, options.config, {
        onCall: (event) => {
          metrics?.llmCalls.inc({ provider: event.provider, outcome: event.outcome === 'ok' ? 'ok' : 'error' });
          if (event.outcome !== 'ok') metrics?.llmErrors.inc({ provider: event.provider, code: event.outcome });
          if (event.promptTokens !== undefined) metrics?.llmTokens.inc({ provider: event.provider, direction: 'prompt' }, event.promptTokens);
          if (event.completionTokens !== undefined) metrics?.llmTokens.inc({ provider: event.provider, direction: 'completion' }, event.completionTokens);
        },
      });
    const counter = creation && 'model' in creation ? creation.tokenCounter : createTokenCounter(settings.tokenizer);
    const missing = creation && 'missing' in creation ? creation.missing : [];
    if (model === undefined) app.log.warn({ missing }, 'no language model configured; /query will answer 503');
    else app.log.info({ provider: model.provider, model: model.modelId }, 'language model configured');
    const probe = new ModelServerProbe(settings, options.languageModel !== undefined);
    // Checked at start so a server that is down or lacks the model is named before the first question;
    // not awaited: the catalog and the page are useful meanwhile, and /ready probes again.
    void probe.probe().then((result) => {
      if (result.status === 'ok') app.log.info({ llm: result }, 'model server reachable and the model is listed');
      else if (result.status === 'unreachable' || result.status === 'model-unknown') app.log.warn({ llm: result }, `model server check failed: ${result.detail}`);
    });
    app.decorate('llm', {
      model,
      missing,
      countTokens: (text: string) => counter.count(text),
      maxOutputTokens: settings.maxOutputTokens,
      outputTokenCeiling: settings.outputTokenCeiling,
      probe: () => probe.probe(),
    });
  },
  { name: 'llm' },
);
