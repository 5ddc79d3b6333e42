import { bedrockModelProviderModule } from './bedrock/bedrock-model-provider-module.js';
import type { LlmProviderName } from './llm-settings.js';
import type { ModelProviderModule } from './model-provider-module.js';
import { openAiModelProviderModule } from './openai/openai-model-provider-module.js';
import { sagemakerModelProviderModule } from './sagemaker/sagemaker-model-provider-module.js';

/**
 * Every model provider, one line each, by the name SWITCHYARD_LLM and SWITCHYARD_EMBEDDINGS_PROVIDER
 * give it (in the order an unknown name's error lists them). The language model factory, the
 * embedding factory and the /ready probe read nothing else; the compiler asks for a line for every
 * provider name the settings accept.
 */
export const modelProviderModules: { readonly [Name in LlmProviderName]: ModelProviderModule<Name> } = {
  openai: openAiModelProviderModule,
  bedrock: bedrockModelProviderModule,
  sagemaker: sagemakerModelProviderModule,
};
