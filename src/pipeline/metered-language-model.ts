import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../llm/language-model.js';
import { streamCompletion } from '../llm/language-model-stream.js';

/** Counts calls, tokens and time spent waiting on the model for one request, so the response can report them. */
export class MeteredLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  readonly #inner: LanguageModel;
  #calls = 0;
  #promptTokens = 0;
  #completionTokens = 0;
  #waitMs = 0;

  constructor(inner: LanguageModel) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.modelId = inner.modelId;
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    this.#calls += 1;
    const start = performance.now();
    try {
      const result = await this.#inner.generate(options);
      this.#promptTokens += result.usage.promptTokens;
      this.#completionTokens += result.usage.completionTokens;
      return result;
    } finally {
      this.#waitMs += performance.now() - start;
    }
  }

  /** Streams through the inner model (or its generate result), counting the call and its usage. */
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    this.#calls += 1;
    const stream = streamCompletion(this.#inner, options);
    let finished = false;
    try {
      for (;;) {
        // Only the wait for each part counts, not the consumer's time between parts.
        const start = performance.now();
        const next = await stream.next();
        this.#waitMs += performance.now() - start;
        if (next.done === true) {
          finished = true;
          return;
        }
        const part = next.value;
        if (part.type === 'finish') {
          this.#promptTokens += part.usage.promptTokens;
          this.#completionTokens += part.usage.completionTokens;
        }
        yield part;
      }
    } finally {
      // A consumer that stops early (client gone) closes the model's stream too, as for-await would.
      if (!finished) await stream.return(undefined);
    }
  }

  /** Milliseconds spent waiting on the model so far. */
  get waitMs(): number {
    return this.#waitMs;
  }

  /** Usage so far. */
  get usage(): { llmCalls: number; promptTokens: number; completionTokens: number } {
    return { llmCalls: this.#calls, promptTokens: this.#promptTokens, completionTokens: this.#completionTokens };
  }
}
