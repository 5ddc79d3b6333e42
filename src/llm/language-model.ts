/** One message of a provider-neutral chat prompt. */
export interface LanguageModelMessage {
  /** Who speaks: instructions (`system`), the asker (`user`) or the model (`assistant`). */
  readonly role: 'system' | 'user' | 'assistant';
  /** Plain text content. */
  readonly content: string;
}

import type { FinishReason } from './finish-reason.js';

/** A provider-neutral generation request. */
export interface GenerateOptions {
  /** The prompt as chat messages; providers without chat render them in their own template. */
  readonly messages: LanguageModelMessage[];
  /** Upper bound on generated tokens. */
  readonly maxOutputTokens?: number;
  /** Sampling temperature; 0 asks for the most likely output. */
  readonly temperature?: number;
  /** Strings that end generation when produced. */
  readonly stopSequences?: string[];
  /** Aborts the call. */
  readonly signal?: AbortSignal;
}

/** Token accounting for one call, as reported by the provider or counted locally when it reports none. */
export interface LanguageModelUsage {
  /** Tokens in the prompt. */
  readonly promptTokens: number;
  /** Tokens generated. */
  readonly completionTokens: number;
}

/** The outcome of one generation call. */
export interface GenerateResult {
  /** Generated text. */
  readonly text: string;
  /** Token usage. */
  readonly usage: LanguageModelUsage;
  /** Why generation stopped; `length` means the text is cut at `maxOutputTokens`. */
  readonly finishReason: FinishReason;
}

/** One piece of a streamed completion: text deltas in order, then exactly one finish part at the end. */
export type LanguageModelStreamPart =
  | {
      /** A text delta. */
      readonly type: 'text';
      /** The new text, to be appended to what came before. */
      readonly text: string;
    }
  | {
      /** The end of the call, sent once after the last delta. */
      readonly type: 'finish';
      /** Token usage. */
      readonly usage: LanguageModelUsage;
      /** Why generation stopped, as the provider's final event said. */
      readonly finishReason: FinishReason;
    };

/**
 * The one interface the pipeline uses to talk to any LLM. Adapters translate to their wire
 * protocol and raise SwitchyardErrors (SWY_ERR_LLM_*) with `isRetryable` set from the status.
 */
export interface LanguageModel {
  /** Provider name (`sagemaker`, `bedrock`, `openai`, or a test double's name). */
  readonly provider: string;
  /** Model or endpoint identifier. */
  readonly modelId: string;
  /** Generates one completion. */
  generate(options: GenerateOptions): Promise<GenerateResult>;
  /** Streams one completion as text deltas, then usage and finish reason; models without it are streamed as one delta (see streamCompletion). */
  stream?(options: GenerateOptions): AsyncIterable<LanguageModelStreamPart>;
}
