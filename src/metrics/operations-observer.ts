import type { FastifyBaseLogger } from 'fastify';
import type { AuditChannel, AuditedPart, AuditLog, AuditRecord } from '../audit/audit-log.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { PipelineObserver } from './pipeline-observer.js';
import type { ServiceMetrics } from './service-metrics.js';

/** Who asked and where the question's events go. */
export interface OperationsObserverOptions {
  /** Metrics registry, when the metrics plugin is on. */
  readonly metrics?: ServiceMetrics | undefined;
  /** Audit destination, when configured. */
  readonly audit?: AuditLog | undefined;
  /** The request's logger: every line carries the request id. */
  readonly log: FastifyBaseLogger;
  /** Request id. */
  readonly requestId: string;
  /** Client name, or `anonymous`. */
  readonly client: string;
  /** How the client called; default `rest`. */
  readonly channel?: AuditChannel;
  /** The question as asked. */
  readonly question: string;
}

const stages = ['route', 'generate', 'guard', 'execute', 'explain'] as const;

/**
 * Turns one question's pipeline events into request-scoped logs, metrics and one audit record.
 * Logs carry names, counts and durations only: never rows, never keys.
 */
export function createOperationsObserver(options: OperationsObserverOptions): PipelineObserver {
  const { metrics, log } = options;
  let routed: string | null = null;
  let lastSql: string | null = null;
  let attempts = 0;
  // The guard reports a rejection just before the attempt it belongs to is recorded.
  let pendingRejection = false;
  let lastVerdict: 'allowed' | 'rejected' | null = null;
  // Every extraction that finished, kept for the audit even when the answer then fails.
  const parts: AuditedPart[] = [];
  return {
    onRoute(event) {
      routed = event.source;
      log.debug({ stage: 'route', source: event.source, tables: event.tables }, 'routed');
    },
    onAttempt(event) {
      attempts = event.attempt;
      if (event.sql !== '') {
        lastSql = event.sql;
        lastVerdict = pendingRejection ? 'rejected' : 'allowed';
      }
      pendingRejection = false;
      if (event.attempt > 1) metrics?.repairAttempts.inc();
      log.debug({ stage: 'attempt', attempt: event.attempt, failed: event.error !== undefined }, 'sql attempt finished');
    },
    onPart(event) {
      parts.push({ source: event.source, table: event.table, sql: event.sql, rows: event.rows, milliseconds: event.milliseconds });
      metrics?.federatedParts.inc({ source: event.source });
      metrics?.federatedPartRows.inc({ source: event.source }, event.rows);
      metrics?.federatedPartDuration.observe({ source: event.source }, event.milliseconds / 1000);
      log.debug({ stage: 'part', source: event.source, table: event.table, rows: event.rows }, 'federated part extracted');
    },
    onGuardRejection(event) {
      pendingRejection = true;
      metrics?.guardRejections.inc({ rule: event.rule });
      log.info({ stage: 'guard', rule: event.rule }, 'guard rejected sql');
    },
    onComplete(event) {
      try {
        record(event);
      } catch (error) {
        log.error({ err: error }, 'recording the question in metrics and the audit log failed');
      }
    },
  };

  function record(event: Parameters<NonNullable<PipelineObserver['onComplete']>>[0]): void {
    const response = event.response;
    const error = event.error === undefined ? undefined : SwitchyardError.isInstance(event.error) ? event.error : undefined;
    const code = event.error === undefined ? null : (error?.code ?? 'SWY_ERR_INTERNAL');
    metrics?.questions.inc({ outcome: code ?? 'ok', cache: event.cache });
    if (event.cache === 'miss' && (response?.plan !== undefined || parts.length > 0)) metrics?.federatedPlans.inc({ outcome: code ?? 'ok' });
    if (response !== undefined && event.cache === 'miss') {
      for (const stage of stages) {
        const milliseconds = response.timings[`${stage}Ms`];
        if (milliseconds > 0) metrics?.stageDuration.observe({ stage }, milliseconds / 1000);
      }
    }
    const entry: AuditRecord = {
      time: new Date().toISOString(),
      requestId: options.requestId,
      client: options.client,
      channel: options.channel ?? 'rest',
      question: options.question,
      source: response?.source ?? routed,
      sql: response?.sql ?? lastSql,
      parts: parts.length > 0 ? parts : null,
      guardVerdict: response !== undefined ? response.guard.verdict : lastVerdict,
      rowCount: response?.rowCount ?? 0,
      attempts: response?.attempts.length ?? attempts,
      cache: event.cache,
      durations: response !== undefined ? { ...response.timings } : { totalMs: Math.round(event.durationMs * 10) / 10 },
      status: response !== undefined ? 200 : (error?.statusCode ?? 500),
      errorCode: code,
    };
    log.info(
      { channel: entry.channel, source: entry.source, rowCount: entry.rowCount, attempts: entry.attempts, cache: entry.cache, totalMs: entry.durations.totalMs, code: entry.errorCode },
      'question finished',
    );
    options.audit?.write(entry).catch((auditError: unknown) => log.error({ err: auditError }, 'audit log write failed'));
  }
}
