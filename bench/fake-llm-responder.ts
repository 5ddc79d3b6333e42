/**
 * BENCHMARK TEST DOUBLE: a zero-latency OpenAI-compatible chat completions server (the test suite's
 * FakeScriptedServer, real wire protocol) that answers by prompt kind instead of from a fixed queue,
 * so concurrent requests each get the right reply: Switchyard's route / SQL / explain prompts and
 * LangChain SqlDatabaseChain's SQLQuery / Answer prompts. It does not model language. Prompt tokens
 * are counted here with cl100k for every caller alike, and the server's time on each request is
 * recorded so benchmarks can subtract LLM time.
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
  /**
   * Milliseconds the server spent on requests, from arrival to the reply's last byte: the "LLM
   * time" of a zero-latency model, as a remote model server's own time would be.
   */
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

/** How the responder counts and where it keeps its totals. */
export interface ResponderOptions {
  /** False estimates tokens (4 characters each) instead of counting with cl100k, which costs CPU. */
  readonly countTokens?: boolean;
  /** Calls, prompt tokens and answer milliseconds, in that order; shared memory when another thread reads them. */
  readonly totals?: Float64Array;
}

/** The responder; see the header comment. */
export class FakeLlmResponder {
  readonly #server: FakeScriptedServer;
  readonly #totals: Float64Array;

  private constructor(server: FakeScriptedServer, totals: Float64Array) {
    this.#server = server;
    this.#totals = totals;
  }

  /** Starts on 127.0.0.1 with an ephemeral port, answering `questions` (routed to `source`). */
  static async start(questions: readonly DemoQuestion[], source: string, options: ResponderOptions = {}): Promise<FakeLlmResponder> {
    const count = options.countTokens === false ? (text: string) => Math.ceil(text.length / 4) : (text: string) => encoding.encode(text).length;
    const bySql = new Map(questions.map((question) => [question.question, question]));
    const totals = options.totals ?? new Float64Array(3);
    const server: FakeScriptedServer = await FakeScriptedServer.start({
      protocol: 'http1',
      accept: (request) => {
        if (request.method !== 'POST' || request.path !== '/v1/chat/completions') return false;
        const body = parseJsonBody(request.rawBody) as { messages?: { content?: unknown }[]; stream?: boolean };
        const prompt = (body.messages ?? []).map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
        const promptTokens = count(prompt);
        const text = replyFor(prompt, bySql, source);
        const usage = { prompt_tokens: promptTokens, completion_tokens: count(text) };
        // Scripted just before the server takes the next reply, in the same tick: safe under concurrency.
        server.script(body.stream === true ? chatCompletionStreamReply([text], usage) : chatCompletionReply(text, usage));
        totals[0] = (totals[0] ?? 0) + 1;
        totals[1] = (totals[1] ?? 0) + promptTokens;
        return true;
      },
      served: (elapsedMs) => {
        totals[2] = (totals[2] ?? 0) + elapsedMs;
      },
      notFound: () => ({ status: 404, body: { error: { message: 'not found' } } }),
      unscripted: { status: 500, body: { error: { message: 'FakeLlmResponder: no reply' } } },
    });
    return new FakeLlmResponder(server, totals);
  }

  /** Totals since the last reset. */
  get totals(): ResponderTotals {
    return { calls: this.#totals[0] ?? 0, promptTokens: this.#totals[1] ?? 0, answerMs: this.#totals[2] ?? 0 };
  }

/** Base URL for OPENAI_BASE_URL / ChatOpenAI, including `/v1`. */
  get baseUrl(): string {
    return `${this.#server.origin}/v1`;
  }

  /** Zeroes the totals. */
  reset(): void {
    this.#totals.fill(0);
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
