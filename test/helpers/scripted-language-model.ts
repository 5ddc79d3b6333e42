import type { FinishReason } from '../../src/llm/finish-reason.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/language-model.js';

/** Reply text that ended with `stop`, or text with the finish reason the provider reported for it. */
export type ScriptedText = string | { readonly text: string; readonly finishReason: FinishReason };

/** One scripted reply: text, a function of the prompt, or an error to throw. */
export type ScriptedReply = ScriptedText | Error | ((options: GenerateOptions) => ScriptedText);

/**
 * Test double for the LLM: replies from a script, in order, and records every call. It does not
 * model language; it lets tests decide exactly what "the model" says and inspect what it was asked.
 */
export class ScriptedLanguageModel implements LanguageModel {
  readonly provider = 'scripted';
  readonly modelId = 'scripted-double';
  readonly calls: GenerateOptions[] = [];
  readonly #replies: ScriptedReply[];
  readonly #fallback: ScriptedReply | undefined;

  /** `fallback` answers every call after the script runs out; without it, extra calls fail the test. */
  constructor(replies: ScriptedReply[], fallback?: ScriptedReply) {
    this.#replies = [...replies];
    this.#fallback = fallback;
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    this.calls.push(options);
    const reply = this.#replies.shift() ?? this.#fallback;
    if (reply === undefined) throw new Error(`ScriptedLanguageModel: no reply scripted for call ${this.calls.length}`);
    if (reply instanceof Error) throw reply;
    const scripted = typeof reply === 'function' ? reply(options) : reply;
    const { text, finishReason } = typeof scripted === 'string' ? { text: scripted, finishReason: 'stop' as const } : scripted;
    const promptText = options.messages.map((message) => message.content).join('\n');
    return { text, usage: { promptTokens: Math.ceil(promptText.length / 4), completionTokens: Math.ceil(text.length / 4) }, finishReason };
  }

  /** The concatenated prompt text of call `index` (0-based). */
  promptOf(index: number): string {
    const call = this.calls[index];
    if (call === undefined) throw new Error(`no call ${index}; ${this.calls.length} recorded`);
    return call.messages.map((message) => message.content).join('\n');
  }
}
