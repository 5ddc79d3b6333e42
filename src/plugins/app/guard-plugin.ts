import fp from 'fastify-plugin';
import { SqlGuard } from '../../guard/sql-guard.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The read-only SQL guard. */
    sqlGuard: SqlGuard;
  }
}

/** Loads the SQL parsers once, at start-up, so every check is synchronous. */
export default fp(
  async (app) => {
    const guard = await SqlGuard.create();
    // The parsers compile lazily; one check per family at start-up keeps the first question fast.
    for (const dialect of ['postgres', 'mysql'] as const) guard.check({ sql: 'SELECT 1', dialect, allowedTables: [], rowLimit: 1 });
    app.decorate('sqlGuard', guard);
  },
  { name: 'sql-guard' },
);
