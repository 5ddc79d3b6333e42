import type { EmbeddingProvider } from './embedding-provider.js';
import { OpenAiEmbeddingProvider } from './openai-embedding-provider.js';

/**
 * The embedding provider named by the environment, or undefined (lexical routing only):
 * SWITCHYARD_EMBEDDINGS_URL (an OpenAI-compatible base URL ending in /v1), SWITCHYARD_EMBEDDINGS_MODEL
 * and optionally SWITCHYARD_EMBEDDINGS_API_KEY.
 */
export function createEmbeddingProvider(environment: NodeJS.ProcessEnv): EmbeddingProvider | undefined {
  const baseUrl = environment.SWITCHYARD_EMBEDDINGS_URL;
  if (!baseUrl) return undefined;
  return new OpenAiEmbeddingProvider({
    baseUrl,
    model: environment.SWITCHYARD_EMBEDDINGS_MODEL || 'text-embedding-3-small',
    ...(environment.SWITCHYARD_EMBEDDINGS_API_KEY ? { apiKey: environment.SWITCHYARD_EMBEDDINGS_API_KEY } : {}),
  });
}
