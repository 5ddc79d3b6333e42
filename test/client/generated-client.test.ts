import SwaggerParser from '@apidevtools/swagger-parser';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/services.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

// Loosely typed paths: the generated .d.ts is type-checked separately below, and this file must compile before it exists.
type AnyPaths = Record<string, Record<string, unknown>>;

describe('a client generated from the live /openapi.json', () => {
  let app: FastifyInstance;
  let origin: string;
  let spec: Record<string, unknown>;

  beforeAll(async () => {
    app = await buildTestApp({
      languageModel: new ScriptedLanguageModel([], (options) =>
        options.messages.some((message) => message.content.includes('<sql>')) || options.stopSequences?.includes('</sql>')
          ? '<sql>SELECT COUNT(*) AS sales_count FROM sales</sql>'
          : 'There are many sales.',
      ),
    });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    spec = (await (await fetch(`${origin}/openapi.json`)).json()) as Record<string, unknown>;
  });
  afterAll(async () => app?.close());

  it('validates as OpenAPI 3', async () => {
    expect(String(spec.openapi)).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(spec) as never)).resolves.toBeDefined();
  });

  it('generates TypeScript types that compile and name the query and catalog operations', async () => {
    const source = astToString(await openapiTS(structuredClone(spec) as never));
    expect(source).toContain('"/query"');
    expect(source).toContain('"/query/stream"');
    expect(source).toContain('"/catalog"');
    const directory = path.join(repositoryRoot, '.artifacts', 'generated-client');
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, 'switchyard-api.d.ts');
    writeFileSync(file, source);
    const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
    expect(ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual([]);
  });

  it('calls /query, /sources, /catalog and reads an error response through openapi-fetch', async () => {
    const client = createClient<AnyPaths>({ baseUrl: origin });
    const call = client as unknown as {
      GET(url: string, init?: unknown): Promise<{ data?: any; error?: any; response: Response }>;
      POST(url: string, init?: unknown): Promise<{ data?: any; error?: any; response: Response }>;
    };

    const sources = await call.GET('/sources');
    expect(sources.data.sources.map((source: { name: string }) => source.name)).toEqual(expect.arrayContaining(['sales', 'hr']));

    const catalog = await call.GET('/catalog');
    expect(catalog.data.sources[0].tables.length).toBeGreaterThan(0);

    const answer = await call.POST('/query', { body: { question: 'How many sales are there?', source: 'sales' } });
    expect(answer.response.status).toBe(200);
    expect(answer.data).toMatchObject({ source: 'sales', answer: 'There are many sales.', rowCount: 1, chart: null });
    expect(answer.data.queryId).toEqual(expect.any(String));

    const failure = await call.POST('/query', { body: { question: 'x', source: 'no-such-source' } });
    expect(failure.response.status).toBe(404);
    expect(failure.error).toMatchObject({ error: { code: 'SWY_ERR_SOURCE_NOT_FOUND' } });
  });
});
