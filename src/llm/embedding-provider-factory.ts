import { SwitchyardError } from '../errors/switchyard-error.js';
import { BedrockCohereEmbeddingProvider } from './bedrock/bedrock-cohere-embedding-provider.js';
import type { EmbeddingProvider } from './embedding-provider.js';
import { OpenAiEmbeddingProvider } from './openai/openai-embedding-provider.js';
import { SagemakerEmbeddingProvider } from './sagemaker/sagemaker-embedding-provider.js';

/** The embedding providers configuration can name. */
export const embeddingProviderNames = ['openai', 'bedrock', 'sagemaker'] as const;

function missing(provider: string, variables: string[]): SwitchyardError {
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SWITCHYARD_EMBEDDINGS_PROVIDER=${provider} needs ${variables.join(' and ')}`, { details: { variables } });
}

/**
 * The embedding provider named by the environment, or undefined (lexical routing only).
 * SWITCHYARD_EMBEDDINGS_PROVIDER picks `openai` (the default when SWITCHYARD_EMBEDDINGS_URL is set),
 * `bedrock` (Cohere embed on Bedrock) or `sagemaker`:
 * - openai: SWITCHYARD_EMBEDDINGS_URL (base URL ending in /v1), SWITCHYARD_EMBEDDINGS_MODEL, SWITCHYARD_EMBEDDINGS_API_KEY;
 * - bedrock: AWS_REGION, SWITCHYARD_EMBEDDINGS_MODEL (default cohere.embed-multilingual-v3), and
 *   SWITCHYARD_EMBEDDINGS_ENDPOINT_URL or else SWITCHYARD_BEDROCK_ENDPOINT_URL as runtime URL override;
 * - sagemaker: AWS_REGION, SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT (endpoint name),
 *   SWITCHYARD_EMBEDDINGS_INPUT_FIELD (`inputs` by default, `text_inputs` for JumpStart), and
 *   SWITCHYARD_EMBEDDINGS_ENDPOINT_URL or else SWITCHYARD_SAGEMAKER_ENDPOINT_URL as runtime URL override.
 */
export function createEmbeddingProvider(environment: NodeJS.ProcessEnv): EmbeddingProvider | undefined {
  const provider = environment.SWITCHYARD_EMBEDDINGS_PROVIDER || (environment.SWITCHYARD_EMBEDDINGS_URL ? 'openai' : undefined);
  if (provider === undefined) return undefined;
  const region = environment.AWS_REGION;
  switch (provider) {
    case 'openai': {
      const baseUrl = environment.SWITCHYARD_EMBEDDINGS_URL;
      if (!baseUrl) throw missing(provider, ['SWITCHYARD_EMBEDDINGS_URL']);
      return new OpenAiEmbeddingProvider({
        baseUrl,
        model: environment.SWITCHYARD_EMBEDDINGS_MODEL || 'text-embedding-3-small',
        ...(environment.SWITCHYARD_EMBEDDINGS_API_KEY ? { apiKey: environment.SWITCHYARD_EMBEDDINGS_API_KEY } : {}),
      });
    }
    case 'bedrock': {
      if (!region) throw missing(provider, ['AWS_REGION']);
      const endpointUrl = environment.SWITCHYARD_EMBEDDINGS_ENDPOINT_URL || environment.SWITCHYARD_BEDROCK_ENDPOINT_URL || undefined;
      return new BedrockCohereEmbeddingProvider({ region, endpointUrl, ...(environment.SWITCHYARD_EMBEDDINGS_MODEL ? { modelId: environment.SWITCHYARD_EMBEDDINGS_MODEL } : {}) });
    }
    case 'sagemaker': {
      const endpointName = environment.SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT;
      if (!region || !endpointName) throw missing(provider, [...(region ? [] : ['AWS_REGION']), ...(endpointName ? [] : ['SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT'])]);
      const endpointUrl = environment.SWITCHYARD_EMBEDDINGS_ENDPOINT_URL || environment.SWITCHYARD_SAGEMAKER_ENDPOINT_URL || undefined;
      return new SagemakerEmbeddingProvider({
        region,
        endpointName,
        endpointUrl,
        ...(environment.SWITCHYARD_EMBEDDINGS_INPUT_FIELD ? { inputField: environment.SWITCHYARD_EMBEDDINGS_INPUT_FIELD } : {}),
      });
    }
    default:
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SWITCHYARD_EMBEDDINGS_PROVIDER must be one of ${embeddingProviderNames.join(', ')}`, {
        details: { variable: 'SWITCHYARD_EMBEDDINGS_PROVIDER' },
      });
  }
}
