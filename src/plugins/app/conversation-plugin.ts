import fp from 'fastify-plugin';
import { createConversationStore, readConversationSettings, type ConversationStore } from '../../conversation/conversation-store.js';
import { QueryRecordStore } from '../../conversation/query-record-store.js';
import type { ServiceConfig } from '../../config/service-config.js';

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
  /** The service config: SWITCHYARD_REDIS_URL, SWITCHYARD_CONVERSATION_* and SWITCHYARD_CSV_MAX_ROWS. */
  readonly config: ServiceConfig;
}

/** Conversation memory (memory or Redis) and the recent-query register behind downloads. */
export default fp<ConversationPluginOptions>(
  async (app, options) => {
    const settings = readConversationSettings(options.config);
    const conversations = createConversationStore(settings, app.log);
    app.decorate('conversations', conversations);
    // Query records stay in process memory: they only need to outlive the page that shows the answer.
    app.decorate('queryRecords', new QueryRecordStore({ capacity: settings.capacity, ttlSeconds: settings.ttlSeconds }));
    app.decorate('csvMaxRows', options.config.csvMaxRows);
    app.addHook('onClose', async () => conversations.close());
  },
  { name: 'conversations' },
);
