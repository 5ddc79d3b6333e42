import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { checkCompletion } from '../completion-check.js';
import type { FinishReason } from '../finish-reason.js';
import type { GenerateResult, LanguageModelMessage } from '../language-model.js';
import type { TokenCounter } from '../tokens/token-counter.js';

/** Maps neutral messages to LangChain messages; each LangChain chat model then speaks its own wire format. */
export function toLangChainMessages(messages: readonly LanguageModelMessage[]): BaseMessage[] {
  return messages.map((message) => {
    if (message.role === 'system') return new SystemMessage(message.content);
    if (message.role === 'assistant') return new AIMessage(message.content);
    return new HumanMessage(message.content);
  });
}

/**
 * Reads text and usage from a LangChain reply whose finish reason the adapter has read. Usage comes
 * from the provider; servers that report none are counted locally with the configured tokenizer.
 */
export function toGenerateResult(
  reply: BaseMessage,
  finishReason: FinishReason,
  context: { provider: string; messages: readonly LanguageModelMessage[]; tokenCounter: TokenCounter },
): GenerateResult {
  const text = checkCompletion(reply.text, finishReason, context.provider);
  const usage = AIMessage.isInstance(reply) ? reply.usage_metadata : undefined;
  const promptTokens =
    usage !== undefined && usage.input_tokens > 0
      ? usage.input_tokens
      : context.messages.reduce((total, message) => total + context.tokenCounter.count(message.content), 0);
  const completionTokens =
    usage !== undefined && usage.output_tokens > 0 ? usage.output_tokens : context.tokenCounter.count(text);
  return { text, usage: { promptTokens, completionTokens }, finishReason };
}
