import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GenerateResult, LanguageModelMessage } from './language-model.js';
import type { TokenCounter } from './token-counter.js';

/** Maps neutral messages to LangChain messages; each LangChain chat model then speaks its own wire format. */
export function toLangChainMessages(messages: readonly LanguageModelMessage[]): BaseMessage[] {
  return messages.map((message) => {
    if (message.role === 'system') return new SystemMessage(message.content);
    if (message.role === 'assistant') return new AIMessage(message.content);
    return new HumanMessage(message.content);
  });
}

/**
 * Reads text and usage from a LangChain reply. Usage comes from the provider; servers that report
 * none (some OpenAI-compatible ones) are counted locally with the configured tokenizer.
 */
export function toGenerateResult(
  reply: BaseMessage,
  context: { provider: string; messages: readonly LanguageModelMessage[]; tokenCounter: TokenCounter },
): GenerateResult {
  const text = reply.text.trim();
  if (text.length === 0) {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The ${context.provider} model returned an empty completion.`, {
      details: { provider: context.provider },
    });
  }
  const usage = AIMessage.isInstance(reply) ? reply.usage_metadata : undefined;
  const promptTokens =
    usage !== undefined && usage.input_tokens > 0
      ? usage.input_tokens
      : context.messages.reduce((total, message) => total + context.tokenCounter.count(message.content), 0);
  const completionTokens =
    usage !== undefined && usage.output_tokens > 0 ? usage.output_tokens : context.tokenCounter.count(text);
  return { text, usage: { promptTokens, completionTokens } };
}
