import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../../src/catalog/catalog-types.js';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { BedrockCohereEmbeddingProvider } from '../../src/llm/bedrock/bedrock-cohere-embedding-provider.js';
import { createEmbeddingProvider } from '../../src/llm/embedding-provider-factory.js';
import { SagemakerEmbeddingProvider } from '../../src/llm/sagemaker/sagemaker-embedding-provider.js';
import { SchemaRouter } from '../../src/routing/schema-router.js';
import { FakeSagemakerServer, sagemakerErrorReply } from '../helpers/fake-sagemaker-server.js';
import { awsErrorReply } from '../helpers/fake-scripted-server.js';
import { demoSnapshot } from './demo-catalog-snapshot.js';
import { cohereEmbedReply, FakeBedrockEmbeddingsServer } from './fake-bedrock-embeddings-server.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
/** Concept axes the fakes map words of several languages onto (the test decides what "meaning" is). */
const concepts: RegExp[] = [/fraud|betrug|siniestro|reclamaci|claim/i, /salar|gehalt|sueldo|employee/i, /stock|aktie|acci[oó]n|volume|price/i, /ticket|venta|verkauf|sales/i];
const vectorOf = (text: string): number[] => [...concepts.map((concept) => (concept.test(text) ? 1 : 0)), 0.01];
const isEmbeddingFailure = (error: unknown) => SwitchyardError.isInstance(error) && error.code === 'SWY_ERR_EMBEDDING_FAILED';

describe('Bedrock Cohere embed provider (InvokeModel over HTTP/2)', () => {
  let server: FakeBedrockEmbeddingsServer;
  let snapshot: CatalogSnapshot;
  beforeAll(async () => {
    server = await FakeBedrockEmbeddingsServer.start(vectorOf);
    snapshot = await demoSnapshot();
  });
  afterAll(async () => server?.close());

  const provider = (batchSize?: number) =>
    new BedrockCohereEmbeddingProvider({ region: 'us-east-1', endpointUrl: server.endpointUrl, credentials, ...(batchSize ? { batchSize } : {}) });

  it('sends the Cohere body with the input type of the purpose, signed, and returns the vectors in order', async () => {
    const before = server.requests.length;
    server.script(cohereEmbedReply(['a', 'b'], [[1, 2], [3, 4]]));
    await expect(provider().embed(['first text', 'second text'], 'document')).resolves.toEqual([[1, 2], [3, 4]]);
    await provider().embed(['how many claims?'], 'query');
    const [document, query] = server.requests.slice(before);
    expect(document?.modelId).toBe('cohere.embed-multilingual-v3');
    expect(document?.body).toMatchObject({ texts: ['first text', 'second text'], input_type: 'search_document' });
    expect(query?.body).toMatchObject({ texts: ['how many claims?'], input_type: 'search_query' });
    expect(document?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(document?.headers['content-type']).toBe('application/json');
  });

  it('batches at most 96 texts per call and cuts texts to 2048 characters', async () => {
    const before = server.requests.length;
    const texts = Array.from({ length: 100 }, (_unused, index) => `${'x'.repeat(3000)} ${index}`);
    const vectors = await provider(500).embed(texts, 'document');
    expect(vectors).toHaveLength(100);
    const sizes = server.requests.slice(before).map((request) => request.body.texts?.length);
    expect(sizes).toEqual([96, 4]);
    expect(server.requests[before]?.body.texts?.every((text) => text.length === 2048)).toBe(true);
  });

  it('maps AWS errors and malformed replies to SWY_ERR_EMBEDDING_FAILED', async () => {
    server.script(awsErrorReply(403, 'AccessDeniedException', 'no access to model'));
    await expect(provider().embed(['x'], 'query')).rejects.toSatisfy((error) => isEmbeddingFailure(error) && /AccessDeniedException/.test((error as Error).message));
    server.script(cohereEmbedReply(['x'], [[1], [2]]));
    await expect(provider().embed(['x'], 'query')).rejects.toSatisfy(isEmbeddingFailure);
  });

  it('is fused with lexical routing so a non-English question finds its source', async () => {
    const router = new SchemaRouter({ maxTables: 4, maxSources: 2, tokenBudget: 2000, fullCatalogTokens: 0, countTokens: (text) => Math.ceil(text.length / 4), embeddings: provider() });
    const outcome = await router.route(snapshot, '¿Cuántos siniestros fraudulentos hubo?', snapshot.sources);
    expect(outcome.method).toBe('lexical+embeddings');
    expect(outcome.candidates.sources[0]?.source).toBe('legal');
    expect(outcome.sources[0]?.tables.map((table) => table.name)).toContain('claims');
  });
});

describe('SageMaker endpoint embedding provider (InvokeEndpoint)', () => {
  let server: FakeSagemakerServer;
  beforeAll(async () => {
    server = await FakeSagemakerServer.start();
  });
  afterAll(async () => server?.close());

  const provider = (inputField?: string, batchSize?: number) =>
    new SagemakerEmbeddingProvider({ endpointName: 'bge-m3', region: 'eu-west-1', endpointUrl: server.endpointUrl, credentials, ...(inputField ? { inputField } : {}), ...(batchSize ? { batchSize } : {}) });

  it('posts { inputs } to the endpoint and reads a bare list of vectors', async () => {
    const before = server.requests.length;
    server.script({ status: 200, body: [[0.1, 0.2], [0.3, 0.4]] });
    await expect(provider().embed(['a', 'b'], 'document')).resolves.toEqual([[0.1, 0.2], [0.3, 0.4]]);
    const request = server.requests[before];
    expect(request?.endpointName).toBe('bge-m3');
    expect(request?.streaming).toBe(false);
    expect(request?.body).toEqual({ inputs: ['a', 'b'] });
    expect(request?.headers.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sagemaker\/aws4_request/);
  });

  it('uses the configured input field and reads { embedding } and { embeddings } replies, in batches', async () => {
    const before = server.requests.length;
    server.script({ status: 200, body: { embedding: [[1], [2]] } }, { status: 200, body: { embeddings: [[3]] } });
    await expect(provider('text_inputs', 2).embed(['a', 'b', 'c'], 'query')).resolves.toEqual([[1], [2], [3]]);
    expect(server.requests.slice(before).map((request) => request.body)).toEqual([{ text_inputs: ['a', 'b'] }, { text_inputs: ['c'] }]);
  });

  it('maps endpoint errors and replies of the wrong shape to SWY_ERR_EMBEDDING_FAILED', async () => {
    server.script(sagemakerErrorReply(424, 'ModelError', 'model container crashed'));
    await expect(provider().embed(['x'], 'query')).rejects.toSatisfy((error) => isEmbeddingFailure(error) && /ModelError/.test((error as Error).message));
    server.script({ status: 200, body: { generated_text: 'not an embedding' } });
    await expect(provider().embed(['x'], 'query')).rejects.toSatisfy(isEmbeddingFailure);
  });
});

/** The embedding provider of a config read from `environment`, as the service reads its own. */
function embeddingProviderOf(environment: Record<string, string>) {
  return createEmbeddingProvider(readServiceConfig(environment));
}

describe('embedding provider selection', () => {
  it('picks the provider named by the environment', () => {
    expect(embeddingProviderOf({})).toBeUndefined();
    expect(embeddingProviderOf({ SWITCHYARD_EMBEDDINGS_URL: 'http://127.0.0.1:1/v1' })?.name).toBe('openai-compatible');
    expect(embeddingProviderOf({ SWITCHYARD_EMBEDDINGS_PROVIDER: 'bedrock', AWS_REGION: 'us-east-1' })?.name).toBe('bedrock-cohere');
    expect(embeddingProviderOf({ SWITCHYARD_EMBEDDINGS_PROVIDER: 'sagemaker', AWS_REGION: 'us-east-1', SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT: 'bge' })?.name).toBe('sagemaker');
  });

  it('names what is missing or wrong', () => {
    const configError = (environment: Record<string, string>) => {
      try {
        embeddingProviderOf(environment);
      } catch (error) {
        return SwitchyardError.isInstance(error) && error.code === 'SWY_ERR_CONFIG_INVALID' ? error.message : 'other error';
      }
      return 'no error';
    };
    expect(configError({ SWITCHYARD_EMBEDDINGS_PROVIDER: 'sagemaker', AWS_REGION: 'us-east-1' })).toMatch(/SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT/);
    expect(configError({ SWITCHYARD_EMBEDDINGS_PROVIDER: 'bedrock' })).toMatch(/AWS_REGION/);
    expect(configError({ SWITCHYARD_EMBEDDINGS_PROVIDER: 'watson' })).toMatch(/openai, bedrock, sagemaker/);
  });
});
