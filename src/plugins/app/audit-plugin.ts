import fp from 'fastify-plugin';
import type { AuditLog } from '../../audit/audit-log.js';
import type { ServiceConfig } from '../../config/service-config.js';
import { FileAuditLog } from '../../audit/file-audit-log.js';
import { PostgresAuditLog } from '../../audit/postgres-audit-log.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where every question is recorded; undefined when no audit destination is configured. */
    auditLog: AuditLog | undefined;
  }
}

/** Options of the audit plugin. */
export interface AuditPluginOptions {
  /** The service config: SWITCHYARD_AUDIT_LOG or SWITCHYARD_AUDIT_DATABASE_URL. */
  readonly config: Pick<ServiceConfig, 'auditLog' | 'auditDatabaseUrl'>;
}

/** Opens the audit destination: a PostgreSQL table when a database URL is set, else a JSON-lines file when a path is set. */
export default fp<AuditPluginOptions>(
  async (app, options) => {
    const { auditDatabaseUrl: databaseUrl, auditLog: filePath } = options.config;
    let audit: AuditLog | undefined;
    if (databaseUrl) audit = new PostgresAuditLog(databaseUrl);
    else if (filePath) audit = new FileAuditLog(filePath);
    app.log.info({ audit: databaseUrl ? 'postgres' : filePath ? 'file' : 'off' }, 'audit log');
    app.decorate('auditLog', audit);
    // Registered before the routes, so this runs after in-flight questions have written their records.
    app.addHook('onClose', async () => audit?.close());
  },
  { name: 'audit' },
);
