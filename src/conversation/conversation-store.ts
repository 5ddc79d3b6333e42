import type { CacheStore } from '../cache/cache-store.js';
import type { ServiceConfig } from '../config/service-config.js';
import { MemoryCacheStore } from '../cache/memory-cache-store.js';
import { RedisCacheStore, type CacheLogger } from '../cache/redis-cache-store.js';

/** What a follow-up needs from the previous turn of its conversation. */
export interface ConversationTurn {
  /** The previous question, already standalone. */
  readonly question: string;
  /** The source it was answered from. */
  readonly source: string;
  /** The SQL that answered it. */
  readonly sql: string;
}

/** Where conversations are kept: in memory for one process, or Redis for several. */
export interface ConversationStore {
  /** The last turn of a conversation, or undefined when unknown or expired. */
  lastTurn(conversationId: string): Promise<ConversationTurn | undefined>;
  /** Records the latest turn, restarting the conversation's time to live. */
  saveTurn(conversationId: string, turn: ConversationTurn): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** Bounds of the conversation memory. */
export interface ConversationStoreSettings {
  /** Conversations kept at most in memory. */
  readonly capacity: number;
  /** Seconds a conversation lives after its last turn. */
  readonly ttlSeconds: number;
  /** Redis URL; when set, conversations live in Redis instead of process memory. */
  readonly redisUrl?: string | undefined;
}

/**
 * Conversations kept in a CacheStore: process memory, or Redis shared by replicas that falls back to
 * memory while Redis is unreachable, so an outage costs follow-up context, never a failed question.
 */
export class CacheBackedConversationStore implements ConversationStore {
  readonly #store: CacheStore;
  readonly #ttlMs: number;

  constructor(store: CacheStore, ttlSeconds: number) {
    this.#store = store;
    this.#ttlMs = ttlSeconds * 1000;
  }

  async lastTurn(conversationId: string): Promise<ConversationTurn | undefined> {
    const raw = await this.#store.get(conversationId);
    return raw === undefined ? undefined : (JSON.parse(raw) as ConversationTurn);
  }

  async saveTurn(conversationId: string, turn: ConversationTurn): Promise<void> {
    await this.#store.set(conversationId, JSON.stringify(turn), this.#ttlMs);
  }

  async close(): Promise<void> {
    await this.#store.close();
  }
}

/**
 * The conversations of one API client: ids are chosen by callers, so without this a client could
 * name another's conversation and have its previous question and SQL fed to the model. Without a
 * client (auth off) the store is returned as is.
 */
export function clientConversations(store: ConversationStore, client: string | undefined): ConversationStore {
  if (client === undefined) return store;
  const key = (conversationId: string) => `client:${client}:${conversationId}`;
  return {
    lastTurn: (conversationId) => store.lastTurn(key(conversationId)),
    saveTurn: (conversationId, turn) => store.saveTurn(key(conversationId), turn),
    close: () => store.close(),
  };
}

/** The conversation settings of the service config (SWITCHYARD_CONVERSATION_*, SWITCHYARD_REDIS_URL). */
export function readConversationSettings(config: ServiceConfig): ConversationStoreSettings {
  return { capacity: config.conversationCapacity, ttlSeconds: config.conversationTtlSeconds, redisUrl: config.redisUrl };
}

/** Builds the store the settings ask for. */
export function createConversationStore(settings: ConversationStoreSettings, logger: CacheLogger, prefix = 'switchyard:conversation:'): ConversationStore {
  const memory = new MemoryCacheStore(settings.capacity);
  const store = settings.redisUrl === undefined ? memory : new RedisCacheStore(settings.redisUrl, memory, logger, prefix);
  return new CacheBackedConversationStore(store, settings.ttlSeconds);
}
