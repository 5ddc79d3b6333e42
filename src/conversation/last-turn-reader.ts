import { SwitchyardError } from '../errors/switchyard-error.js';
import type { ConversationStore, ConversationTurn } from './conversation-store.js';

/**
 * The last turn of the conversation the request names. An id the store does not hold (never issued
 * to this client, or expired) is refused: answering as if it were new would silently drop the context
 * the caller believes it is building on.
 */
export async function requireLastTurn(store: ConversationStore, conversationId: string): Promise<ConversationTurn> {
  const previous = await store.lastTurn(conversationId);
  if (previous !== undefined) return previous;
  throw new SwitchyardError(
    'SWY_ERR_CONVERSATION_NOT_FOUND',
    `Conversation "${conversationId}" is unknown or has expired. Ask again without conversationId to start a new conversation, and pass back the conversationId of its answer to follow up.`,
    { details: { conversationId } },
  );
}
