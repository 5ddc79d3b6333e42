import type { ConversationStore, ConversationTurn } from '../conversation/conversation-store.js';
import { requireLastTurn } from '../conversation/last-turn-reader.js';
import { followUpCue } from '../conversation/follow-up-detector.js';
import type { StageContext } from './stage-context.js';

/** A question made standalone, with the turn it follows (if any). */
export interface ResolvedQuestion {
  /** The question to route and answer. */
  readonly standaloneQuestion: string;
  /** The previous turn of the conversation, offered to the writing prompt as context; absent for a question that stands alone. */
  readonly previous?: ConversationTurn;
}

/**
 * Chain 0 for follow-ups: a question that refers to the previous turn ("and in 2009?") is rewritten
 * by the model into a standalone question using the previous question and SQL. A question that stands
 * on its own (see followUpCue) is answered as is, without the rewrite call or the previous turn.
 */
export async function resolveFollowUp(
  context: StageContext,
  store: ConversationStore,
  conversationId: string,
  question: string,
): Promise<ResolvedQuestion> {
  const previous = await requireLastTurn(store, conversationId);
  if (followUpCue(question) === undefined) return { standaloneQuestion: question };
  const messages = context.prompts.render('rewrite-follow-up', {
    source: previous.source,
    previous_question: previous.question,
    previous_sql: previous.sql,
    follow_up: question,
  });
  const { text } = await context.model.generate({
    messages,
    maxOutputTokens: Math.min(context.maxOutputTokens, 300),
    temperature: 0,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const rewritten = text.trim().split('\n')[0]?.trim().replace(/^["']|["']$/g, '') ?? '';
  return { standaloneQuestion: rewritten.length > 0 ? rewritten : question, previous };
}

/** The previous turn as prompt context for writing SQL, so the follow-up can reuse its joins and filters. */
export function renderConversationContext(previous: ConversationTurn | undefined): string {
  if (previous === undefined) return '';
  return (
    `\nThis question follows up an earlier one in the same conversation. The earlier question and the SQL that answered it:\n` +
    `<data name="previous_turn">\nQuestion: ${previous.question}\n<sql>${previous.sql}</sql>\n</data>\n`
  );
}
