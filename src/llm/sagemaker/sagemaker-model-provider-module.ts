import { missingEmbeddingSettings } from '../embedding-settings.js';
import type { ModelProviderModule } from '../model-provider-module.js';
import { notProbed } from '../model-server-probe-result.js';
import { SagemakerEmbeddingProvider } from './sagemaker-embedding-provider.js';
import { SagemakerLanguageModel } from './sagemaker-language-model.js';

/** `SWITCHYARD_LLM=sagemaker`: a SageMaker real-time endpoint serving a Mixtral-family model with TGI. */
export const sagemakerModelProviderModule: ModelProviderModule<'sagemaker'> = {
  name: 'sagemaker',
  missingSettings: (settings) => [
    ...(settings.sagemakerEndpoint === undefined ? ['SWITCHYARD_SAGEMAKER_ENDPOINT'] : []),
    ...(settings.awsRegion === undefined ? ['AWS_REGION'] : []),
  ],
  // missingSettings has verified every field read with `as string`.
  createLanguageModel: (settings, context) =>
    new SagemakerLanguageModel({
      endpointName: settings.sagemakerEndpoint as string,
      region: settings.awsRegion as string,
      endpointUrl: settings.sagemakerEndpointUrl,
      credentials: context.awsCredentials,
      modelId: settings.model,
      defaultMaxOutputTokens: settings.maxOutputTokens,
      defaultTemperature: settings.temperature,
    }),
  probe: async (settings) => notProbed('sagemaker', settings.sagemakerEndpoint ?? settings.model),
  createEmbeddingProvider: (settings) => {
    const { awsRegion: region, embeddingsSagemakerEndpoint: endpointName } = settings;
    if (region === undefined || endpointName === undefined) {
      throw missingEmbeddingSettings('sagemaker', [...(region ? [] : ['AWS_REGION']), ...(endpointName ? [] : ['SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT'])]);
    }
    return new SagemakerEmbeddingProvider({
      region,
      endpointName,
      endpointUrl: settings.embeddingsEndpointUrl ?? settings.sagemakerEndpointUrl,
      ...(settings.embeddingsInputField ? { inputField: settings.embeddingsInputField } : {}),
    });
  },
};
