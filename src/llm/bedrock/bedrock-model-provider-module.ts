import { missingEmbeddingSettings } from '../embedding-settings.js';
import type { ModelProviderModule } from '../model-provider-module.js';
import { notProbed } from '../model-server-probe-result.js';
import { BedrockCohereEmbeddingProvider } from './bedrock-cohere-embedding-provider.js';
import { BedrockLanguageModel } from './bedrock-language-model.js';

/** `SWITCHYARD_LLM=bedrock`: a model on Amazon Bedrock through the Converse API; embeddings by Cohere embed. */
export const bedrockModelProviderModule: ModelProviderModule<'bedrock'> = {
  name: 'bedrock',
  missingSettings: (settings) => [
    ...(settings.bedrockModel === undefined && settings.model === undefined ? ['SWITCHYARD_BEDROCK_MODEL'] : []),
    ...(settings.awsRegion === undefined ? ['AWS_REGION'] : []),
  ],
  // missingSettings has verified every field read with `as string`.
  createLanguageModel: (settings, context) =>
    new BedrockLanguageModel({
      modelId: (settings.bedrockModel ?? settings.model) as string,
      region: settings.awsRegion as string,
      endpointUrl: settings.bedrockEndpointUrl,
      credentials: context.awsCredentials,
      tokenCounter: context.tokenCounter,
      defaultMaxOutputTokens: settings.maxOutputTokens,
      defaultTemperature: settings.temperature,
    }),
  probe: async (settings) => notProbed('bedrock', settings.bedrockModel ?? settings.model),
  createEmbeddingProvider: (settings) => {
    if (settings.awsRegion === undefined) throw missingEmbeddingSettings('bedrock', ['AWS_REGION']);
    return new BedrockCohereEmbeddingProvider({
      region: settings.awsRegion,
      endpointUrl: settings.embeddingsEndpointUrl ?? settings.bedrockEndpointUrl,
      ...(settings.embeddingsModel ? { modelId: settings.embeddingsModel } : {}),
    });
  },
};
