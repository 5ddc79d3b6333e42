import crypto from 'node:crypto';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/language-model.js';
import { hashApiKey } from '../../src/access/api-key-registry.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';

/** Concatenated prompt text of one call. */
export function promptText(options: GenerateOptions): string {
  return options.messages.map((message) => message.content).join('\n');
}

/** Whether a call is the routing prompt (chain 1). */
export function isRoutePrompt(options: GenerateOptions): boolean {
  return promptText(options).includes('Answer with one JSON object');
}

/** Whether a call asks for SQL (generation or repair). */
export function isSqlPrompt(options: GenerateOptions): boolean {
  return promptText(options).includes('<sql></sql>');
}

/**
 * A scripted model that answers by prompt kind: the route reply, then the SQL, then the explanation.
 * It lets a test ask the same question many times without scripting every call.
 */
export function promptAwareModel(route: { source: string; tables: string[] }, sql: string, answer = 'Here is the answer.'): ScriptedLanguageModel {
  return new ScriptedLanguageModel([], (options) => {
    if (isRoutePrompt(options)) return JSON.stringify(route);
    if (isSqlPrompt(options)) return `<sql>${sql}</sql>`;
    return answer;
  });
}

/** A model that routes to sales, counts its rows, and rewrites any follow-up into a 2009 question. */
export function followUpModel(): ScriptedLanguageModel {
  return new ScriptedLanguageModel([], (options) => {
    if (isRoutePrompt(options)) return '{"source": "sales", "tables": ["sales"]}';
    if (isSqlPrompt(options)) return '<sql>SELECT COUNT(*) AS n FROM sales</sql>';
    if (promptText(options).includes('follow-up')) return 'How many sales were there in 2009?';
    return 'Counted.';
  });
}

/** A fresh random API key and its SWITCHYARD_API_KEYS entry. */
export function apiKeyFor(client: string, sources: string[] | '*'): { key: string; entry: Record<string, unknown> } {
  const key = `swy_${crypto.randomBytes(24).toString('hex')}`;
  return { key, entry: { client, keySha256: hashApiKey(key), sources } };
}

/** A unique lower-case suffix for databases and keys so parallel test files never collide. */
export function uniqueSuffix(): string {
  return `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

/**
 * Test double: answers like `promptAwareModel` (route to sales, count its rows, a fixed answer) but
 * holds every call of one kind at a gate until the test releases it, and records every call.
 */
export class GatedLanguageModel implements LanguageModel {
  readonly provider = 'gated';
  readonly modelId = 'gated-double';
  readonly calls: GenerateOptions[] = [];
  /** Resolves once a call is waiting at the gate. */
  readonly waiting: Promise<void>;
  readonly #gate: Promise<void>;
  readonly #gatedKind: 'sql' | 'explain';
  readonly #answer: string;
  #release: () => void = () => undefined;
  #entered: () => void = () => undefined;

  constructor(gatedKind: 'sql' | 'explain', answer: string) {
    this.#gatedKind = gatedKind;
    this.#answer = answer;
    this.#gate = new Promise((resolve) => (this.#release = resolve));
    this.waiting = new Promise((resolve) => (this.#entered = resolve));
  }

  /** Lets every held and future call through. */
  release(): void {
    this.#release();
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    this.calls.push(options);
    const kind = isRoutePrompt(options) ? 'route' : isSqlPrompt(options) ? 'sql' : 'explain';
    if (kind === this.#gatedKind) {
      this.#entered();
      await this.#gate;
    }
    const text = kind === 'route' ? '{"source": "sales", "tables": ["sales"]}' : kind === 'sql' ? '<sql>SELECT COUNT(*) AS n FROM sales</sql>' : this.#answer;
    return { text, usage: { promptTokens: 1, completionTokens: 1 }, finishReason: 'stop' };
  }
}
