import type { BaseChatModel, BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk } from '@langchain/core/messages';
import { toFinishReason, type FinishReason } from '../finish-reason.js';
import type { GenerateOptions, GenerateResult, LanguageModelStreamPart } from '../language-model.js';
import { toLanguageModelError, type LlmErrorContext } from '../llm-error-mapper.js';
import type { TokenCounter } from '../tokens/token-counter.js';
import { toGenerateResult, toLangChainMessages } from './langchain-message-converter.js';

/** What a LangChain-backed adapter (OpenAI-compatible chat completions, Bedrock Converse) tells the runner per call. */
export interface LangChainCallContext {
  /** Provider name for errors and usage. */
  readonly provider: string;
  /** Counts tokens when the provider reports no usage. */
  readonly tokenCounter: TokenCounter;
  /**
   * The provider's own finish or stop reason in a reply's or a streamed chunk's `response_metadata`
   * (LangChain passes each protocol's field on as received), or undefined when this one carries none.
   */
  readonly providerFinishReason: (metadata: Record<string, unknown>) => unknown;
  /** Where the call goes, when Switchyard chose the address: the error for an unreachable server names its setting. */
  readonly endpoint?: LlmErrorContext['endpoint'];
}

function callOptions(options: GenerateOptions): Partial<BaseChatModelCallOptions> {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.stopSequences === undefined || options.stopSequences.length === 0 ? {} : { stop: options.stopSequences }),
  };
}

function errorContext(options: GenerateOptions, context: LangChainCallContext): LlmErrorContext {
  return { provider: context.provider, signal: options.signal, endpoint: context.endpoint };
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
    throw toLanguageModelError(error, errorContext(options, context));
  }
  const finishReason = toFinishReason(context.providerFinishReason(reply.response_metadata));
  return toGenerateResult(reply, finishReason, { provider: context.provider, messages: options.messages, tokenCounter: context.tokenCounter });
}

/**
 * One streaming call: LangChain speaks the provider's streaming protocol (SSE for chat completions,
 * ConverseStream event frames for Bedrock); deltas are passed on as they arrive, and the stream
 * closes with the usage the provider reports in its last events (counted locally when it reports
 * none) and the finish reason of the chunk that carried one.
 */
export async function* streamWithChatModel(
  chatModel: BaseChatModel,
  options: GenerateOptions,
  context: LangChainCallContext,
): AsyncGenerator<LanguageModelStreamPart> {
  let text = '';
  let promptTokens = 0;
  let completionTokens = 0;
  // A stream that ends without a chunk naming the reason was not told why it stopped.
  let finishReason: FinishReason = 'unknown';
  try {
    const chunks = await chatModel.stream(toLangChainMessages(options.messages), callOptions(options));
    for await (const chunk of chunks) {
      const delta = chunk.text;
      if (delta.length > 0) {
        text += delta;
        yield { type: 'text', text: delta };
      }
      const reason = context.providerFinishReason(chunk.response_metadata);
      if (reason !== undefined && reason !== null) finishReason = toFinishReason(reason);
      const usage = AIMessageChunk.isInstance(chunk) ? chunk.usage_metadata : undefined;
      if (usage !== undefined) {
        promptTokens += usage.input_tokens;
        completionTokens += usage.output_tokens;
      }
    }
  } catch (error) {
    throw toLanguageModelError(error, errorContext(options, context));
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
