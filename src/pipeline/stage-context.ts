import type { LanguageModel } from '../llm/language-model.js';
import type { PromptLibrary } from './prompt-library.js';

/** What every LLM-using stage needs for one request. */
export interface StageContext {
  /** The request's metered model. */
  readonly model: LanguageModel;
  /** Prompt templates. */
  readonly prompts: PromptLibrary;
  /** Counts tokens with the configured model's tokenizer. */
  readonly countTokens: (text: string) => number;
  /** Aborted when the client goes away. */
  readonly signal?: AbortSignal;
  /** Generation length cap per call. */
  readonly maxOutputTokens: number;
  /** Largest cap of the one re-ask after SQL was cut at `maxOutputTokens`; at or below it, there is none. */
  readonly outputTokenCeiling: number;
  /** Token budget of the schema in a SQL prompt; omitted, the routed tables are shown whole. */
  readonly schemaTokenBudget?: number;
}
