import type { GenerateOptions, GenerateResult, LanguageModel } from '../llm/language-model.js';

/** Counts calls and tokens of one request so the response can report its LLM usage. */
export class MeteredLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #inner: LanguageModel;
  #calls = 0;
  #promptTokens = 0;
  #completionTokens = 0;

  constructor(inner: LanguageModel) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.modelId = inner.modelId;
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    this.#calls += 1;
    const result = await this.#inner.generate(options);
    this.#promptTokens += result.usage.promptTokens;
    this.#completionTokens += result.usage.completionTokens;
    return result;
  }

  /** Usage so far. */
  get usage(): { llmCalls: number; promptTokens: number; completionTokens: number } {
    return { llmCalls: this.#calls, promptTokens: this.#promptTokens, completionTokens: this.#completionTokens };
  }
}
