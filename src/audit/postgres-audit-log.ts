import pg from 'pg';
import type { AuditLog, AuditRecord } from './audit-log.js';

const createTable = `CREATE TABLE IF NOT EXISTS switchyard_audit (
  id bigserial PRIMARY KEY,
  time timestamptz NOT NULL,
  request_id text NOT NULL,
  client text NOT NULL,
  channel text NOT NULL DEFAULT 'rest',
  question text NOT NULL,
  source text,
  sql text,
  parts jsonb,
  guard_verdict text,
  row_count integer NOT NULL,
  attempts integer NOT NULL,
  cache text NOT NULL,
  durations jsonb NOT NULL,
  status integer NOT NULL,
  error_code text
)`;

// Tables created before the channel was recorded gain the column; their rows all came over REST.
const addChannel = `ALTER TABLE switchyard_audit ADD COLUMN IF NOT EXISTS channel text NOT NULL DEFAULT 'rest'`;
// Tables created before federated answers gain the column; their rows all read one source.
const addParts = `ALTER TABLE switchyard_audit ADD COLUMN IF NOT EXISTS parts jsonb`;

/**
 * Audit records as rows of `switchyard_audit` in a PostgreSQL database (insert-only). Inserts run on a
 * small pool, so `id` order may differ from question order under concurrency: read in `time` order.
 */
export class PostgresAuditLog implements AuditLog {
  readonly #pool: pg.Pool;
  #ready: Promise<void> | undefined;

  constructor(connectionString: string) {
    this.#pool = new pg.Pool({ connectionString, max: 2 });
    // An idle client losing its connection must not crash the process.
    this.#pool.on('error', () => undefined);
  }

  async write(record: AuditRecord): Promise<void> {
    this.#ready ??= this.#pool.query(createTable).then(() => this.#pool.query(addChannel)).then(() => this.#pool.query(addParts)).then(() => undefined);
    try {
      await this.#ready;
    } catch (error) {
      this.#ready = undefined;
      throw error;
    }
    await this.#pool.query(
      `INSERT INTO switchyard_audit (time, request_id, client, channel, question, source, sql, parts, guard_verdict, row_count, attempts, cache, durations, status, error_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        record.time, record.requestId, record.client, record.channel, record.question, record.source, record.sql,
        record.parts === null ? null : JSON.stringify(record.parts), record.guardVerdict,
        record.rowCount, record.attempts, record.cache, JSON.stringify(record.durations), record.status, record.errorCode,
      ],
    );
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
