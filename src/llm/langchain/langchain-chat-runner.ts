import type { BaseChatModel, BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk } from '@langchain/core/messages';
import type { GenerateOptions, GenerateResult, LanguageModelStreamPart } from '../language-model.js';
import { toFinishReason, type FinishReason } from '../finish-reason.js';
import { toGenerateResult, toLangChainMessages } from './langchain-message-converter.js';
import { toLanguageModelError } from '../llm-error-mapper.js';
import type { TokenCounter } from '../tokens/token-counter.js';

/** What the LangChain-backed adapters (Bedrock Converse, OpenAI-compatible) share per call. */
export interface LangChainCallContext {
  /** Provider name for errors and usage. */
  readonly provider: string;
  /** Counts tokens when the provider reports no usage. */
  readonly tokenCounter: TokenCounter;
}

function callOptions(options: GenerateOptions): Partial<BaseChatModelCallOptions> {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.stopSequences === undefined || options.stopSequences.length === 0 ? {} : { stop: options.stopSequences }),
  };
}

/** One non-streaming call through a LangChain chat model, with errors mapped to SwitchyardErrors. */
export async function generateWithChatModel(
  chatModel: BaseChatModel,
  options: GenerateOptions,
  context: LangChainCallContext,
): Promise<GenerateResult> {
  let reply;
  try {
    reply = await chatModel.invoke(toLangChainMessages(options.messages), callOptions(options));
  } catch (error) {
    throw toLanguageModelError(error, { provider: context.provider, signal: options.signal });
  }
  return toGenerateResult(reply, { provider: context.provider, messages: options.messages, tokenCounter: context.tokenCounter });
}

/**
 * One streaming call: LangChain speaks the provider's streaming protocol (SSE for chat completions,
 * ConverseStream event frames for Bedrock); deltas are passed on as they arrive, and the stream
 * closes with the usage the provider reports in its metadata event (counted locally when it reports
 * none) and the stop reason of its `messageStop` event.
 */
export async function* streamWithChatModel(
  chatModel: BaseChatModel,
  options: GenerateOptions,
  context: LangChainCallContext,
): AsyncGenerator<LanguageModelStreamPart> {
  let text = '';
  let promptTokens = 0;
  let completionTokens = 0;
  let finishReason: FinishReason = 'unknown';
  try {
    const chunks = await chatModel.stream(toLangChainMessages(options.messages), callOptions(options));
    for await (const chunk of chunks) {
      const delta = chunk.text;
      if (delta.length > 0) {
        text += delta;
        yield { type: 'text', text: delta };
      }
      const stop: unknown = chunk.response_metadata['messageStop'];
      if (typeof stop === 'object' && stop !== null) finishReason = toFinishReason((stop as { stopReason?: unknown }).stopReason);
      const usage = AIMessageChunk.isInstance(chunk) ? chunk.usage_metadata : undefined;
      if (usage !== undefined) {
        promptTokens += usage.input_tokens;
        completionTokens += usage.output_tokens;
      }
    }
  } catch (error) {
    throw toLanguageModelError(error, { provider: context.provider, signal: options.signal });
  }
  const counter = context.tokenCounter;
  yield {
    type: 'finish',
    usage: {
      promptTokens: promptTokens > 0 ? promptTokens : options.messages.reduce((total, message) => total + counter.count(message.content), 0),
      completionTokens: completionTokens > 0 ? completionTokens : counter.count(text),
    },
    finishReason,
  };
}
