import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/language-model.js';
import { isRoutePrompt, isSqlPrompt, promptText } from '../ops/ops-test-support.js';
import { buildTestApp, type TestAppOptions } from '../helpers/test-app.js';

/** The service listening on 127.0.0.1 with an ephemeral port, and its /mcp address. */
export interface ListeningApp {
  /** The app. */
  readonly app: FastifyInstance;
  /** http://127.0.0.1:<port>/mcp */
  readonly mcpUrl: URL;
}

/** Builds the real app and listens on port 0. */
export async function listenTestApp(options: TestAppOptions): Promise<ListeningApp> {
  const app = await buildTestApp(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, mcpUrl: new URL(`http://127.0.0.1:${port}/mcp`) };
}

/** The SDK's own client, connected over Streamable HTTP with `headers` on every request (an API key). */
export async function connectHttpClient(mcpUrl: URL, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'switchyard-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { requestInit: { headers } }));
  return client;
}

/** The SQL the scripted model writes for a question, by words in it. */
function sqlFor(question: string): string {
  if (question.includes('per category')) return 'SELECT catgroup, COUNT(*) AS n FROM category GROUP BY catgroup ORDER BY catgroup';
  if (question.includes('events')) return 'SELECT eventname FROM event ORDER BY eventid';
  return 'SELECT COUNT(*) AS n FROM sales';
}

/**
 * Test double for the model, answering by prompt kind as the real one would be asked: the route to
 * sales, SQL by the question's words, a fixed answer. A question with "slow" holds its SQL call until
 * the call's signal aborts, and records that it did.
 */
export class SalesModel implements LanguageModel {
  readonly provider = 'scripted';
  readonly modelId = 'sales-double';
  readonly calls: GenerateOptions[] = [];
  /** Calls whose signal aborted while they were held. */
  aborted = 0;
  /** Resolves when a held call starts waiting. */
  #held: () => void = () => undefined;
  /** A promise resolved once a "slow" question's call is held. */
  held = new Promise<void>((resolve) => (this.#held = resolve));

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    this.calls.push(options);
    const prompt = promptText(options);
    const usage = { promptTokens: 10, completionTokens: 5 };
    if (isRoutePrompt(options)) return { text: '{"source": "sales", "tables": ["sales", "category", "event"]}', usage, finishReason: 'stop' };
    if (isSqlPrompt(options)) {
      // The question is the prompt's last "Question:" line; earlier ones are few-shot examples.
      const question = [...prompt.matchAll(/Question:\s*(.*)/g)].at(-1)?.[1] ?? prompt;
      if (question.includes('slow')) {
        this.#held();
        await new Promise<void>((_resolve, reject) => {
          const signal = options.signal;
          const stop = () => {
            this.aborted += 1;
            reject(signal?.reason ?? new Error('aborted'));
          };
          if (signal?.aborted) stop();
          signal?.addEventListener('abort', stop, { once: true });
        });
      }
      return { text: `<sql>${sqlFor(question)}</sql>`, usage, finishReason: 'stop' };
    }
    return { text: 'The sales table holds the answer.', usage, finishReason: 'stop' };
  }
}
