import { Redis } from 'ioredis';
import { BoundedTtlCache } from './bounded-ttl-cache.js';

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

/** In-process store: a bounded LRU with TTL. */
export class MemoryConversationStore implements ConversationStore {
  readonly #cache: BoundedTtlCache<ConversationTurn>;

  constructor(settings: Pick<ConversationStoreSettings, 'capacity' | 'ttlSeconds'>) {
    this.#cache = new BoundedTtlCache({ capacity: settings.capacity, ttlMs: settings.ttlSeconds * 1000 });
  }

  async lastTurn(conversationId: string): Promise<ConversationTurn | undefined> {
    return this.#cache.get(conversationId);
  }

  async saveTurn(conversationId: string, turn: ConversationTurn): Promise<void> {
    this.#cache.set(conversationId, turn);
  }

  async close(): Promise<void> {}
}

/** Redis store: one key per conversation with EX, so Redis enforces the TTL and its maxmemory policy the bound. */
export class RedisConversationStore implements ConversationStore {
  readonly #redis: Redis;
  readonly #ttlSeconds: number;
  readonly #prefix: string;

  constructor(redisUrl: string, ttlSeconds: number, prefix = 'switchyard:conversation:') {
    this.#redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    this.#ttlSeconds = ttlSeconds;
    this.#prefix = prefix;
  }

  async lastTurn(conversationId: string): Promise<ConversationTurn | undefined> {
    const raw = await this.#redis.get(this.#prefix + conversationId);
    return raw === null ? undefined : (JSON.parse(raw) as ConversationTurn);
  }

  async saveTurn(conversationId: string, turn: ConversationTurn): Promise<void> {
    await this.#redis.set(this.#prefix + conversationId, JSON.stringify(turn), 'EX', this.#ttlSeconds);
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

/** Reads the conversation settings from the environment (SWITCHYARD_CONVERSATION_*, SWITCHYARD_REDIS_URL). */
export function readConversationSettings(environment: NodeJS.ProcessEnv): ConversationStoreSettings {
  const positive = (name: string, fallback: number): number => {
    const value = Number(environment[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    capacity: positive('SWITCHYARD_CONVERSATION_CAPACITY', 1000),
    ttlSeconds: positive('SWITCHYARD_CONVERSATION_TTL_SECONDS', 1800),
    redisUrl: environment.SWITCHYARD_REDIS_URL || undefined,
  };
}

/** Builds the store the settings ask for. */
export function createConversationStore(settings: ConversationStoreSettings): ConversationStore {
  return settings.redisUrl === undefined
    ? new MemoryConversationStore(settings)
    : new RedisConversationStore(settings.redisUrl, settings.ttlSeconds);
}
