import type { EmbeddingProvider } from './embedding-provider.js';
import type { EmbeddingSettings } from './embedding-settings.js';
import { modelProviderModules } from './model-provider-registry.js';

/**
 * The embedding provider the service config names, or undefined (lexical routing only).
 * SWITCHYARD_EMBEDDINGS_PROVIDER picks `openai` (the default when SWITCHYARD_EMBEDDINGS_URL is set),
 * `bedrock` (Cohere embed on Bedrock) or `sagemaker`:
 * - openai: SWITCHYARD_EMBEDDINGS_URL (base URL ending in /v1), SWITCHYARD_EMBEDDINGS_MODEL, SWITCHYARD_EMBEDDINGS_API_KEY;
 * - bedrock: AWS_REGION, SWITCHYARD_EMBEDDINGS_MODEL (default cohere.embed-multilingual-v3), and
 *   SWITCHYARD_EMBEDDINGS_ENDPOINT_URL or else SWITCHYARD_BEDROCK_ENDPOINT_URL as runtime URL override;
 * - sagemaker: AWS_REGION, SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT (endpoint name),
 *   SWITCHYARD_EMBEDDINGS_INPUT_FIELD (`inputs` by default, `text_inputs` for JumpStart), and
 *   SWITCHYARD_EMBEDDINGS_ENDPOINT_URL or else SWITCHYARD_SAGEMAKER_ENDPOINT_URL as runtime URL override.
 */
export function createEmbeddingProvider(settings: EmbeddingSettings): EmbeddingProvider | undefined {
  const provider = settings.embeddingsProvider ?? (settings.embeddingsUrl ? 'openai' : undefined);
  if (provider === undefined) return undefined;
  return modelProviderModules[provider].createEmbeddingProvider(settings);
}
