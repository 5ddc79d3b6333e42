import fp from 'fastify-plugin';
import { createConversationStore, readConversationSettings, type ConversationStore } from '../../conversation/conversation-store.js';
import { QueryRecordStore } from '../../conversation/query-record-store.js';
import { readEnvironmentInteger } from '../../config/environment-integer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Conversation memory for follow-up questions. */
    conversations: ConversationStore;
    /** Recent queries by id, for CSV download. */
    queryRecords: QueryRecordStore;
    /** Most rows one CSV download returns (SWITCHYARD_CSV_MAX_ROWS). */
    csvMaxRows: number;
  }
}

/** Options of the conversation plugin. */
export interface ConversationPluginOptions {
  /** Environment to read SWITCHYARD_REDIS_URL, SWITCHYARD_CONVERSATION_* and SWITCHYARD_CSV_MAX_ROWS from. */
  readonly environment: NodeJS.ProcessEnv;
}

/** Conversation memory (memory or Redis) and the recent-query register behind downloads. */
export default fp<ConversationPluginOptions>(
  async (app, options) => {
    const settings = readConversationSettings(options.environment);
    const conversations = createConversationStore(settings, app.log);
    app.decorate('conversations', conversations);
    // Query records stay in process memory: they only need to outlive the page that shows the answer.
    app.decorate('queryRecords', new QueryRecordStore({ capacity: settings.capacity, ttlSeconds: settings.ttlSeconds }));
    app.decorate('csvMaxRows', readEnvironmentInteger(options.environment, 'SWITCHYARD_CSV_MAX_ROWS', 100_000));
    app.addHook('onClose', async () => conversations.close());
  },
  { name: 'conversations' },
);
