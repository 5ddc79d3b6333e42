import type { ServiceConfig } from '../config/service-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { BedrockCohereEmbeddingProvider } from './bedrock-cohere-embedding-provider.js';
import type { EmbeddingProvider } from './embedding-provider.js';
import { OpenAiEmbeddingProvider } from './openai-embedding-provider.js';
import { SagemakerEmbeddingProvider } from './sagemaker-embedding-provider.js';

function missing(provider: string, variables: string[]): SwitchyardError {
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SWITCHYARD_EMBEDDINGS_PROVIDER=${provider} needs ${variables.join(' and ')}`, { details: { variables } });
}

/** The settings that choose and configure the embedding provider. */
export type EmbeddingConfig = Pick<
  ServiceConfig,
  | 'embeddingsProvider'
  | 'embeddingsUrl'
  | 'embeddingsModel'
  | 'embeddingsApiKey'
  | 'embeddingsEndpointUrl'
  | 'embeddingsSagemakerEndpoint'
  | 'embeddingsInputField'
  | 'awsRegion'
  | 'bedrockEndpointUrl'
  | 'sagemakerEndpointUrl'
>;

/**
 * The embedding provider the config names, or undefined (lexical routing only).
 * SWITCHYARD_EMBEDDINGS_PROVIDER picks `openai` (the default when SWITCHYARD_EMBEDDINGS_URL is set),
 * `bedrock` (Cohere embed on Bedrock) or `sagemaker`:
 * - openai: SWITCHYARD_EMBEDDINGS_URL (base URL ending in /v1), SWITCHYARD_EMBEDDINGS_MODEL, SWITCHYARD_EMBEDDINGS_API_KEY;
 * - bedrock: AWS_REGION, SWITCHYARD_EMBEDDINGS_MODEL (default cohere.embed-multilingual-v3), and
 *   SWITCHYARD_EMBEDDINGS_ENDPOINT_URL or else SWITCHYARD_BEDROCK_ENDPOINT_URL as runtime URL override;
 * - sagemaker: AWS_REGION, SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT (endpoint name),
 *   SWITCHYARD_EMBEDDINGS_INPUT_FIELD (`inputs` by default, `text_inputs` for JumpStart), and
 *   SWITCHYARD_EMBEDDINGS_ENDPOINT_URL or else SWITCHYARD_SAGEMAKER_ENDPOINT_URL as runtime URL override.
 */
export function createEmbeddingProvider(config: EmbeddingConfig): EmbeddingProvider | undefined {
  const provider = config.embeddingsProvider ?? (config.embeddingsUrl ? 'openai' : undefined);
  if (provider === undefined) return undefined;
  const region = config.awsRegion;
  switch (provider) {
    case 'openai': {
      const baseUrl = config.embeddingsUrl;
      if (!baseUrl) throw missing(provider, ['SWITCHYARD_EMBEDDINGS_URL']);
      return new OpenAiEmbeddingProvider({
        baseUrl,
        model: config.embeddingsModel ?? 'text-embedding-3-small',
        ...(config.embeddingsApiKey ? { apiKey: config.embeddingsApiKey } : {}),
      });
    }
    case 'bedrock': {
      if (!region) throw missing(provider, ['AWS_REGION']);
      const endpointUrl = config.embeddingsEndpointUrl ?? config.bedrockEndpointUrl;
      return new BedrockCohereEmbeddingProvider({ region, endpointUrl, ...(config.embeddingsModel ? { modelId: config.embeddingsModel } : {}) });
    }
    case 'sagemaker': {
      const endpointName = config.embeddingsSagemakerEndpoint;
      if (!region || !endpointName) throw missing(provider, [...(region ? [] : ['AWS_REGION']), ...(endpointName ? [] : ['SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT'])]);
      const endpointUrl = config.embeddingsEndpointUrl ?? config.sagemakerEndpointUrl;
      return new SagemakerEmbeddingProvider({
        region,
        endpointName,
        endpointUrl,
        ...(config.embeddingsInputField ? { inputField: config.embeddingsInputField } : {}),
      });
    }
  }
}
