import type { ServiceConfig } from '../config/service-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

/** The settings that choose and configure the embedding provider (SWITCHYARD_EMBEDDINGS_*, and the shared AWS ones). */
export type EmbeddingSettings = Pick<
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

/** The error a provider raises when the embedding settings it needs are unset. */
export function missingEmbeddingSettings(provider: string, variables: string[]): SwitchyardError {
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SWITCHYARD_EMBEDDINGS_PROVIDER=${provider} needs ${variables.join(' and ')}`, { details: { variables } });
}
