import { SwitchyardError } from '../errors/switchyard-error.js';

/** The SWITCHYARD_EMBEDDINGS_* settings (and the shared AWS ones) that choose and configure the embedding provider. */
export interface EmbeddingSettings {
  /** SWITCHYARD_EMBEDDINGS_PROVIDER: `openai`, `bedrock` or `sagemaker`; `openai` is implied by SWITCHYARD_EMBEDDINGS_URL. */
  readonly embeddingsProvider: string | undefined;
  /** SWITCHYARD_EMBEDDINGS_URL: base URL of an OpenAI-compatible server, ending in /v1. */
  readonly embeddingsUrl: string | undefined;
  /** SWITCHYARD_EMBEDDINGS_MODEL: the model name or Bedrock model id; each provider has a default. */
  readonly embeddingsModel: string | undefined;
  /** SWITCHYARD_EMBEDDINGS_API_KEY: bearer key of the OpenAI-compatible server. */
  readonly embeddingsApiKey: string | undefined;
  /** SWITCHYARD_EMBEDDINGS_ENDPOINT_URL: runtime URL override for Bedrock or SageMaker embeddings. */
  readonly embeddingsEndpointUrl: string | undefined;
  /** SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT: the SageMaker endpoint name. */
  readonly embeddingsSagemakerEndpoint: string | undefined;
  /** SWITCHYARD_EMBEDDINGS_INPUT_FIELD: body field carrying the texts to a SageMaker endpoint. */
  readonly embeddingsInputField: string | undefined;
  /** AWS_REGION: region for Bedrock and SageMaker. */
  readonly awsRegion: string | undefined;
  /** SWITCHYARD_BEDROCK_ENDPOINT_URL: the language model's Bedrock URL override, used when embeddings set none. */
  readonly bedrockEndpointUrl: string | undefined;
  /** SWITCHYARD_SAGEMAKER_ENDPOINT_URL: the language model's SageMaker URL override, used when embeddings set none. */
  readonly sagemakerEndpointUrl: string | undefined;
}

/** Reads the embedding settings; an empty value counts as unset (`FOO=` in an env file means "not configured"). */
export function readEmbeddingSettings(environment: NodeJS.ProcessEnv): EmbeddingSettings {
  const text = (name: string) => environment[name] || undefined;
  return {
    embeddingsProvider: text('SWITCHYARD_EMBEDDINGS_PROVIDER'),
    embeddingsUrl: text('SWITCHYARD_EMBEDDINGS_URL'),
    embeddingsModel: text('SWITCHYARD_EMBEDDINGS_MODEL'),
    embeddingsApiKey: text('SWITCHYARD_EMBEDDINGS_API_KEY'),
    embeddingsEndpointUrl: text('SWITCHYARD_EMBEDDINGS_ENDPOINT_URL'),
    embeddingsSagemakerEndpoint: text('SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT'),
    embeddingsInputField: text('SWITCHYARD_EMBEDDINGS_INPUT_FIELD'),
    awsRegion: text('AWS_REGION'),
    bedrockEndpointUrl: text('SWITCHYARD_BEDROCK_ENDPOINT_URL'),
    sagemakerEndpointUrl: text('SWITCHYARD_SAGEMAKER_ENDPOINT_URL'),
  };
}

/** The error a provider raises when the embedding settings it needs are unset. */
export function missingEmbeddingSettings(provider: string, variables: string[]): SwitchyardError {
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SWITCHYARD_EMBEDDINGS_PROVIDER=${provider} needs ${variables.join(' and ')}`, { details: { variables } });
}
