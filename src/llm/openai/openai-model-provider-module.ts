import { missingEmbeddingSettings } from '../embedding-settings.js';
import type { ModelProviderModule } from '../model-provider-module.js';
import { OpenAiEmbeddingProvider } from './openai-embedding-provider.js';
import { OpenAiLanguageModel } from './openai-language-model.js';
import { probeOpenAiModelServer } from './openai-model-server-probe.js';

/** `SWITCHYARD_LLM=openai`: any server speaking OpenAI chat completions (vLLM, TGI, Ollama, llama.cpp, OpenAI). */
export const openAiModelProviderModule: ModelProviderModule<'openai'> = {
  name: 'openai',
  missingSettings: (settings) => [
    ...(settings.openaiBaseUrl === undefined ? ['OPENAI_BASE_URL'] : []),
    ...(settings.model === undefined ? ['SWITCHYARD_LLM_MODEL'] : []),
  ],
  // missingSettings has verified every field read with `as string`.
  createLanguageModel: (settings, context) =>
    new OpenAiLanguageModel({
      baseUrl: settings.openaiBaseUrl as string,
      modelId: settings.model as string,
      apiKey: settings.openaiApiKey,
      tokenCounter: context.tokenCounter,
      defaultMaxOutputTokens: settings.maxOutputTokens,
      defaultTemperature: settings.temperature,
    }),
  probe: probeOpenAiModelServer,
  createEmbeddingProvider: (settings) => {
    if (settings.embeddingsUrl === undefined) throw missingEmbeddingSettings('openai', ['SWITCHYARD_EMBEDDINGS_URL']);
    return new OpenAiEmbeddingProvider({
      baseUrl: settings.embeddingsUrl,
      model: settings.embeddingsModel ?? 'text-embedding-3-small',
      ...(settings.embeddingsApiKey ? { apiKey: settings.embeddingsApiKey } : {}),
    });
  },
};
