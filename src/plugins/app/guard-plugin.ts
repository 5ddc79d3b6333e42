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
    app.decorate('sqlGuard', await SqlGuard.create());
  },
  { name: 'sql-guard' },
);
