import fp from 'fastify-plugin';
import { readCacheSettings } from '../../cache/cache-settings.js';
import type { CacheStore } from '../../cache/cache-store.js';
import type { ServiceConfig } from '../../config/service-config.js';
import { MemoryCacheStore } from '../../cache/memory-cache-store.js';
import { QueryCache } from '../../cache/query-cache.js';
import { RedisCacheStore } from '../../cache/redis-cache-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Generated-SQL and result cache; undefined when SWITCHYARD_CACHE=off. */
    queryCache: QueryCache | undefined;
  }
}

/** Options of the cache plugin. */
export interface CachePluginOptions {
  /** The service config: the SWITCHYARD_CACHE* settings and SWITCHYARD_REDIS_URL. */
  readonly config: ServiceConfig;
}

/** Builds the query cache: Redis when configured (falling back to memory while it is down), else a bounded in-memory LRU. */
export default fp<CachePluginOptions>(
  async (app, options) => {
    const settings = readCacheSettings(options.config);
    if (!settings.enabled) {
      app.decorate('queryCache', undefined);
      return;
    }
    const memory = new MemoryCacheStore(settings.maxEntries);
    const store: CacheStore = settings.redisUrl ? new RedisCacheStore(settings.redisUrl, memory, app.log) : memory;
    const cache = new QueryCache(store, settings);
    app.log.info({ store: store.kind }, 'query cache enabled');
    app.decorate('queryCache', cache);
    app.addHook('onClose', async () => cache.close());
  },
  { name: 'query-cache' },
);
