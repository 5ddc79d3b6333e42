import { SwitchyardError } from '../errors/switchyard-error.js';
import type { FinishReason } from './finish-reason.js';

/**
 * The text of a finished completion, or the error it amounts to. A reply the provider's content filter
 * stopped is never handed on as an answer, whatever text came with it: it raises
 * SWY_ERR_LLM_CONTENT_FILTERED (not retryable: the same prompt meets the same filter). An empty reply
 * raises SWY_ERR_LLM_BAD_OUTPUT. Every adapter and stream collector ends through here.
 */
export function checkCompletion(text: string, finishReason: FinishReason, provider: string): string {
  if (finishReason === 'content-filter') {
    throw new SwitchyardError('SWY_ERR_LLM_CONTENT_FILTERED', `The ${provider} model's reply was stopped by the provider's content filter.`, {
      details: { provider, finishReason },
    });
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The ${provider} model returned an empty completion.`, {
      details: { provider },
    });
  }
  return trimmed;
}
