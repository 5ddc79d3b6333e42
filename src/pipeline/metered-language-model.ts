import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../llm/language-model.js';
import { streamCompletion } from '../llm/language-model-stream.js';

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

  /** Streams through the inner model (or its generate result), counting the call and its usage. */
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    this.#calls += 1;
    for await (const part of streamCompletion(this.#inner, options)) {
      if (part.type === 'usage') {
        this.#promptTokens += part.usage.promptTokens;
        this.#completionTokens += part.usage.completionTokens;
      }
      yield part;
    }
  }

  /** Usage so far. */
  get usage(): { llmCalls: number; promptTokens: number; completionTokens: number } {
    return { llmCalls: this.#calls, promptTokens: this.#promptTokens, completionTokens: this.#completionTokens };
  }
}
