import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../../src/catalog/catalog-types.js';
import { OpenAiEmbeddingProvider } from '../../src/llm/openai/openai-embedding-provider.js';
import { SchemaRouter } from '../../src/routing/schema-router.js';
import { reciprocalRankFusion } from '../../src/routing/reciprocal-rank-fusion.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { demoSnapshot } from './demo-catalog-snapshot.js';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from './fake-embeddings-server.js';

/** Concept axes the fake maps words of several languages onto (the test decides what "meaning" is). */
const concepts: RegExp[] = [/fraud|betrug|siniestro|reclamaci|claim/i, /salar|gehalt|sueldo|employee/i, /stock|aktie|acci[oó]n|volume|price/i, /ticket|venta|verkauf|sales/i];
const vectorOf = (text: string): number[] => [...concepts.map((concept) => (concept.test(text) ? 1 : 0)), 0.01];
const countTokens = (text: string) => Math.ceil(text.length / 4);

describe('embedding fusion (OpenAI-compatible /embeddings)', () => {
  let server: FakeEmbeddingsServer;
  let snapshot: CatalogSnapshot;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer(vectorOf);
    snapshot = await demoSnapshot();
  });
  afterAll(async () => server?.close());

  const router = (provider?: OpenAiEmbeddingProvider) =>
    new SchemaRouter({ maxTables: 4, maxSources: 2, tokenBudget: 2000, fullCatalogTokens: 0, countTokens, ...(provider ? { embeddings: provider } : {}) });

  it('fuses lexical and semantic rankings so a non-English question finds its source', async () => {
    const question = '¿Cuántos siniestros fraudulentos hubo?';
    const lexicalOnly = await router().route(snapshot, question, snapshot.sources);
    expect(lexicalOnly.method).toBe('lexical');
    const provider = new OpenAiEmbeddingProvider({ baseUrl: server.baseUrl, model: 'fake-embed', apiKey: 'k-123', batchSize: 5 });
    const fused = await router(provider).route(snapshot, question, snapshot.sources);
    expect(fused.method).toBe('lexical+embeddings');
    expect(fused.candidates.sources[0]?.source).toBe('legal');
    expect(fused.sources[0]?.tables.map((table) => table.name)).toContain('claims');
    // Catalog documents were embedded in batches of 5, with the key and model on the wire.
    const documentRequests = server.requests.filter((request) => (request.body.input?.length ?? 0) > 1);
    expect(documentRequests.every((request) => (request.body.input?.length ?? 0) <= 5)).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer k-123');
    expect(server.requests[0]?.body.model).toBe('fake-embed');
  });

  it('falls back to lexical ranking and says why when the embeddings server fails', async () => {
    server.failWith(500);
    try {
      const provider = new OpenAiEmbeddingProvider({ baseUrl: server.baseUrl, model: 'fake-embed' });
      const outcome = await router(provider).route(snapshot, 'How many frauds in 2023?', snapshot.sources);
      expect(outcome.method).toBe('lexical');
      expect(outcome.embeddingError).toMatch(/HTTP 500/);
      expect(outcome.candidates.sources[0]?.source).toBe('legal');
      await expect(provider.embed(['x'], 'query')).rejects.toSatisfy((error) => SwitchyardError.isInstance(error) && error.code === 'SWY_ERR_EMBEDDING_FAILED');
    } finally {
      server.failWith(undefined);
    }
  });

  it('reciprocal rank fusion rewards items ranked well by both lists', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c'], ['b', 'c', 'a']]);
    const order = [...fused].sort((left, right) => right[1] - left[1]).map(([item]) => item);
    expect(order[0]).toBe('b');
  });
});
