/**
 * BENCHMARK TEST DOUBLE: a zero-latency OpenAI-compatible chat completions server (the test suite's
 * FakeScriptedServer, real wire protocol) that answers by prompt kind instead of from a fixed queue,
 * so concurrent requests each get the right reply: Switchyard's route / SQL / explain prompts and
 * LangChain SqlDatabaseChain's SQLQuery / Answer prompts. It does not model language. Prompt tokens
 * are counted here with cl100k for every caller alike, and time spent answering is recorded so
 * benchmarks can subtract LLM time.
 */
import { getEncoding } from 'js-tiktoken';
import { FakeScriptedServer, parseJsonBody } from '../test/helpers/fake-scripted-server.js';
import { chatCompletionReply, chatCompletionStreamReply } from '../test/helpers/fake-openai-server.js';
import type { DemoQuestion } from './demo-sales-questions.js';

const encoding = getEncoding('cl100k_base');

/** Totals since the last reset. */
export interface ResponderTotals {
  /** Chat completion requests answered. */
  calls: number;
  /** Prompt tokens received (cl100k). */
  promptTokens: number;
  /** Milliseconds spent building replies (the "LLM time" of a zero-latency model). */
  answerMs: number;
}

/** Strips a benchmark variant marker such as " [v12]" so every variant maps to its base question. */
export function baseQuestion(question: string): string {
  return question.replace(/\s*\[v\d+\]\s*$/, '').trim();
}

function lastQuestion(prompt: string): string {
  const matches = [...prompt.matchAll(/Question: ([^\n]*)/g)];
  return (matches.at(-1)?.[1] ?? '').replace(/^"|"$/g, '').trim();
}

/** The responder; see the header comment. */
export class FakeLlmResponder {
  readonly totals: ResponderTotals = { calls: 0, promptTokens: 0, answerMs: 0 };
  readonly #server: FakeScriptedServer;

  private constructor(server: FakeScriptedServer) {
    this.#server = server;
  }

  /** Starts on 127.0.0.1 with an ephemeral port, answering `questions` (routed to `source`). */
  static async start(questions: readonly DemoQuestion[], source: string, options: { countTokens?: boolean } = {}): Promise<FakeLlmResponder> {
    // cl100k counting is exact but costs CPU; the load benchmark estimates (4 characters a token) instead.
    const count = options.countTokens === false ? (text: string) => Math.ceil(text.length / 4) : (text: string) => encoding.encode(text).length;
    const bySql = new Map(questions.map((question) => [question.question, question]));
    let responder: FakeLlmResponder | undefined;
    const server: FakeScriptedServer = await FakeScriptedServer.start({
      protocol: 'http1',
      accept: (request) => {
        if (request.method !== 'POST' || request.path !== '/v1/chat/completions') return false;
        const started = performance.now();
        const body = parseJsonBody(request.rawBody) as { messages?: { content?: unknown }[]; stream?: boolean };
        const prompt = (body.messages ?? []).map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
        const promptTokens = count(prompt);
        const text = replyFor(prompt, bySql, source);
        const usage = { prompt_tokens: promptTokens, completion_tokens: count(text) };
        // Scripted just before the server takes the next reply, in the same tick: safe under concurrency.
        server.script(body.stream === true ? chatCompletionStreamReply([text], usage) : chatCompletionReply(text, usage));
        if (responder !== undefined) {
          responder.totals.calls += 1;
          responder.totals.promptTokens += promptTokens;
          responder.totals.answerMs += performance.now() - started;
        }
        return true;
      },
      notFound: () => ({ status: 404, body: { error: { message: 'not found' } } }),
      unscripted: { status: 500, body: { error: { message: 'FakeLlmResponder: no reply' } } },
    });
    responder = new FakeLlmResponder(server);
    return responder;
  }

  /** Base URL for OPENAI_BASE_URL / ChatOpenAI, including `/v1`. */
  get baseUrl(): string {
    return `${this.#server.origin}/v1`;
  }

  /** Zeroes the totals. */
  reset(): void {
    this.totals.calls = 0;
    this.totals.promptTokens = 0;
    this.totals.answerMs = 0;
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.#server.close();
  }
}

function replyFor(prompt: string, questions: Map<string, DemoQuestion>, source: string): string {
  const question = questions.get(baseQuestion(lastQuestion(prompt)));
  // LangChain SqlDatabaseChain: the SQL call ends with "SQLQuery:", the answer call with "Answer:".
  if (prompt.includes('SQLResult:') && prompt.trimEnd().endsWith('Answer:')) return 'The answer is in the result above.';
  if (prompt.trimEnd().endsWith('SQLQuery:')) return question?.sql ?? 'SELECT 1';
  // Switchyard: routing, SQL generation, explanation.
  if (prompt.includes('Answer with one JSON object')) return JSON.stringify({ source, tables: question?.tables ?? ['sales'] });
  if (prompt.includes('<sql></sql>')) return `<sql>${question?.sql ?? 'SELECT 1'}</sql>`;
  return 'The answer is in the result above.';
}
