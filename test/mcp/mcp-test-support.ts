import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/language-model.js';
import { isRoutePrompt, isSqlPrompt, promptText } from '../ops/ops-test-support.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { repositoryRoot } from '../helpers/services.js';
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

/** An initialize request as a client first sends it. */
export const initializeMessage = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw-http', version: '1.0.0' } },
};

/** One raw HTTP exchange with /mcp: the status, the headers, and the JSON-RPC message of the body (JSON or the first SSE event). */
export interface RawExchange {
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The JSON-RPC message answered, if any. */
  readonly message: { error?: { code: number; message: string; data?: { code: string; status: number } }; result?: unknown } | undefined;
}

/** Sends `body` (an object as JSON, or a raw string) to /mcp as a Streamable HTTP client would, with `headers` on top. */
export async function postMcp(mcpUrl: URL, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<RawExchange> {
  const withBody = method !== 'GET' && method !== 'DELETE';
  const response = await fetch(mcpUrl, {
    method,
    headers: { accept: 'application/json, text/event-stream', ...(withBody ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(withBody ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = method === 'GET' && response.ok ? '' : await response.text();
  const data = (response.headers.get('content-type') ?? '').includes('text/event-stream') ? /^data: (.*)$/m.exec(text)?.[1] : text;
  let message: RawExchange['message'];
  try {
    message = data ? (JSON.parse(data) as RawExchange['message']) : undefined;
  } catch {
    message = undefined;
  }
  return { status: response.status, headers: response.headers, message };
}

/** Opens a session with a raw initialize and returns its id. */
export async function openRawSession(mcpUrl: URL, headers: Record<string, string> = {}): Promise<string> {
  const opened = await postMcp(mcpUrl, initializeMessage, headers);
  const sessionId = opened.headers.get('mcp-session-id');
  if (opened.status !== 200 || sessionId === null) throw new Error(`initialize answered ${opened.status}: ${JSON.stringify(opened.message)}`);
  await postMcp(mcpUrl, { jsonrpc: '2.0', method: 'notifications/initialized' }, { ...headers, 'mcp-session-id': sessionId });
  return sessionId;
}

/** The command that starts the stdio server from source, as `npm run mcp:stdio` does. */
export const stdioCommand = { command: process.execPath, args: [path.join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'), path.join(repositoryRoot, 'src/mcp-stdio-command.ts')] };

/** The environment of a stdio server on the demo data generated for the tests, with `extra` on top. */
export function stdioEnvironment(extra: Record<string, string>): Record<string, string> {
  // The test run's own SWITCHYARD_ variables are not this server's settings (an unknown one would stop it).
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('SWITCHYARD_')),
  );
  return { ...inherited, SWITCHYARD_DATA_DIR: testDataDirectory, SWITCHYARD_CATALOG_DIR: path.join(repositoryRoot, 'catalog'), LOG_LEVEL: 'warn', ...extra };
}
