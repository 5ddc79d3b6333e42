import { SwitchyardError } from '../errors/switchyard-error.js';
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
  yield { type: 'usage', usage: result.usage };
}

/**
 * Drains a stream into a GenerateResult, telling `onText` of every delta on the way. A stream that
 * ends without text is an empty completion, reported like one from `generate`.
 */
export async function collectStream(
  parts: AsyncIterable<LanguageModelStreamPart>,
  context: { provider: string; onText?: ((text: string) => void) | undefined },
): Promise<GenerateResult> {
  let text = '';
  let usage: GenerateResult['usage'] | undefined;
  for await (const part of parts) {
    if (part.type === 'text') {
      text += part.text;
      context.onText?.(part.text);
    } else {
      usage = part.usage;
    }
  }
  if (text.trim().length === 0) {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The ${context.provider} model returned an empty completion.`, {
      details: { provider: context.provider },
    });
  }
  return { text: text.trim(), usage: usage ?? { promptTokens: 0, completionTokens: 0 } };
}
