import type { StageContext } from '../pipeline/stage-context.js';
import type { ConversationStore, ConversationTurn } from './conversation-store.js';

/** A question made standalone, with the turn it follows (if any). */
export interface ResolvedQuestion {
  /** The question to route and answer. */
  readonly standaloneQuestion: string;
  /** The previous turn of the conversation, offered to the SQL prompt as context. */
  readonly previous?: ConversationTurn;
}

/**
 * Chain 0 for follow-ups: with a previous turn, the model rewrites "and in 2009?" into a standalone
 * question using the previous question and SQL; the first question of a conversation is used as is.
 */
export async function resolveFollowUp(
  context: StageContext,
  store: ConversationStore,
  conversationId: string,
  question: string,
): Promise<ResolvedQuestion> {
  const previous = await store.lastTurn(conversationId);
  if (previous === undefined) return { standaloneQuestion: question };
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
