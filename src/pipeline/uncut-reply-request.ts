import type { FinishReason } from '../llm/finish-reason.js';
import type { GenerateOptions } from '../llm/language-model.js';
import type { StageContext } from './stage-context.js';

/** A reply to act on, or the output limit that still cut it after the re-ask. */
export interface UncutReply {
  /** The reply text (cut, when `cutAtOutputTokens` is set). */
  readonly text: string;
  /** The output-token limit the last reply stopped at; absent when the model finished on its own. */
  readonly cutAtOutputTokens?: number;
  /** Why the last reply stopped, as its provider reported it. */
  readonly finishReason: FinishReason;
}

/** What an attempt records when a reply stayed cut: the limit, and that nothing from it ran. */
export function cutReplyProblem(outputTokens: number): string {
  return `The model's reply was cut at the ${outputTokens}-token output limit; nothing from it was run.`;
}

/**
 * Asks for a reply that Switchyard will act on (SQL, a request plan). A reply that stopped at the
 * output limit is cut, and cut SQL can still parse and run as another question (`WHERE name = 'Ancest`
 * gone, every row returned), so it is never used: the model is asked once more with twice the limit,
 * up to the context's ceiling, and a reply cut again is reported with its limit for the caller to
 * count as a failed attempt. `holdsWhole` says when a reply cut at the limit still holds all the caller
 * needs (a closed `<sql>…</sql>` followed by prose the limit cut): it is then used as it is.
 */
export async function askForUncutReply(
  context: StageContext,
  request: Omit<GenerateOptions, 'maxOutputTokens' | 'signal'>,
  holdsWhole: (text: string) => boolean = () => false,
): Promise<UncutReply> {
  const ask = (maxOutputTokens: number) =>
    context.model.generate({ ...request, maxOutputTokens, ...(context.signal ? { signal: context.signal } : {}) });
  let limit = context.maxOutputTokens;
  let reply = await ask(limit);
  const cut = (text: string, finishReason: string) => finishReason === 'length' && !holdsWhole(text);
  const larger = Math.min(limit * 2, context.outputTokenCeiling);
  if (cut(reply.text, reply.finishReason) && larger > limit) {
    limit = larger;
    reply = await ask(limit);
  }
  const { text, finishReason } = reply;
  return cut(text, finishReason) ? { text, finishReason, cutAtOutputTokens: limit } : { text, finishReason };
}
