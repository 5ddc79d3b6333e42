import { checkCompletion } from './completion-check.js';
import type { FinishReason } from './finish-reason.js';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from './language-model.js';

/**
 * Streams from any model: its own `stream` when it has one, otherwise its `generate` result as a
 * single delta, so callers never branch on whether a model (or a test double) can stream.
 */
export async function* streamCompletion(
  model: LanguageModel,
  options: GenerateOptions,
): AsyncGenerator<LanguageModelStreamPart> {
  if (model.stream !== undefined) {
    yield* model.stream(options);
    return;
  }
  const result = await model.generate(options);
  yield { type: 'text', text: result.text };
  yield { type: 'finish', usage: result.usage, finishReason: result.finishReason };
}

/**
 * Drains a stream into a GenerateResult, telling `onText` of every delta on the way. A stream that
 * ends without text, or stopped by a content filter, fails as `generate` would (see checkCompletion).
 */
export async function collectStream(
  parts: AsyncIterable<LanguageModelStreamPart>,
  context: { provider: string; onText?: ((text: string) => void) | undefined },
): Promise<GenerateResult> {
  let text = '';
  let usage: GenerateResult['usage'] | undefined;
  // A stream that ends without its finish part was not told why it stopped.
  let finishReason: FinishReason = 'unknown';
  for await (const part of parts) {
    if (part.type === 'text') {
      text += part.text;
      context.onText?.(part.text);
    } else {
      ({ usage, finishReason } = part);
    }
  }
  return { text: checkCompletion(text, finishReason, context.provider), usage: usage ?? { promptTokens: 0, completionTokens: 0 }, finishReason };
}
