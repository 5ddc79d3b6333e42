import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Every Prometheus metric of one service instance, in its own registry so that several apps in one
 * process (tests) never share or double-register series.
 */
export class ServiceMetrics {
  /** The registry /metrics renders. */
  readonly registry = new Registry();
  /** HTTP requests by route, method, status and outcome. */
  readonly httpRequests = new Counter({ name: 'switchyard_http_requests_total', help: 'HTTP requests', labelNames: ['route', 'method', 'status', 'outcome'], registers: [this.registry] });
  /** HTTP latency by route and outcome. */
  readonly httpDuration = new Histogram({ name: 'switchyard_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['route', 'method', 'outcome'], buckets: latencyBuckets, registers: [this.registry] });
  /** Requests being served. */
  readonly inFlight = new Gauge({ name: 'switchyard_http_in_flight_requests', help: 'Requests being served', registers: [this.registry] });
  /** Pipeline stage latency. */
  readonly stageDuration = new Histogram({ name: 'switchyard_stage_duration_seconds', help: 'Pipeline stage latency (route, generate, guard, execute, explain)', labelNames: ['stage'], buckets: latencyBuckets, registers: [this.registry] });
  /** Questions answered by outcome (ok or error code) and cache result. */
  readonly questions = new Counter({ name: 'switchyard_questions_total', help: 'Questions by outcome', labelNames: ['outcome', 'cache'], registers: [this.registry] });
  /** LLM calls by provider and outcome. */
  readonly llmCalls = new Counter({ name: 'switchyard_llm_calls_total', help: 'LLM calls', labelNames: ['provider', 'outcome'], registers: [this.registry] });
  /** LLM tokens by provider and direction. */
  readonly llmTokens = new Counter({ name: 'switchyard_llm_tokens_total', help: 'LLM tokens', labelNames: ['provider', 'direction'], registers: [this.registry] });
  /** LLM errors by provider and code. */
  readonly llmErrors = new Counter({ name: 'switchyard_llm_errors_total', help: 'LLM errors', labelNames: ['provider', 'code'], registers: [this.registry] });
  /** SQL repair attempts (attempts after the first). */
  readonly repairAttempts = new Counter({ name: 'switchyard_sql_repair_attempts_total', help: 'SQL repair attempts', registers: [this.registry] });
  /** Guard rejections by rule. */
  readonly guardRejections = new Counter({ name: 'switchyard_guard_rejections_total', help: 'Guard rejections by rule', labelNames: ['rule'], registers: [this.registry] });
  /** Cache lookups by layer (sql, result) and outcome (hit, miss). */
  readonly cacheLookups = new Counter({ name: 'switchyard_cache_lookups_total', help: 'Cache lookups; hit ratio = hit / (hit + miss)', labelNames: ['layer', 'outcome'], registers: [this.registry] });
  /** Share of cache lookups that hit since start, per layer, computed at scrape time from `cacheLookups`. */
  readonly cacheHitRatio = new Gauge({
    name: 'switchyard_cache_hit_ratio',
    help: 'Share of cache lookups that hit since start, per layer',
    labelNames: ['layer'],
    registers: [this.registry],
    collect: async () => {
      const totals = new Map<string, { hit: number; all: number }>();
      for (const { labels, value } of (await this.cacheLookups.get()).values) {
        const layer = String(labels.layer);
        const total = totals.get(layer) ?? { hit: 0, all: 0 };
        total.all += value;
        if (labels.outcome === 'hit') total.hit += value;
        totals.set(layer, total);
      }
      for (const [layer, total] of totals) if (total.all > 0) this.cacheHitRatio.set({ layer }, total.hit / total.all);
    },
  });
  /** Source query latency by source and outcome. */
  readonly sourceQueryDuration = new Histogram({ name: 'switchyard_source_query_duration_seconds', help: 'Source query latency', labelNames: ['source', 'outcome'], buckets: latencyBuckets, registers: [this.registry] });
  /** Source query errors by source and code. */
  readonly sourceErrors = new Counter({ name: 'switchyard_source_errors_total', help: 'Source query errors', labelNames: ['source', 'code'], registers: [this.registry] });
  /** Seconds since the catalog snapshot was built, computed at scrape time. */
  /** Federated answers by outcome, and their extraction parts by source. */
  readonly federatedPlans = new Counter({ name: 'switchyard_federated_plans_total', help: 'Federated answers by outcome', labelNames: ['outcome'], registers: [this.registry] });

  readonly federatedParts = new Counter({ name: 'switchyard_federated_parts_total', help: 'Extractions of federated answers by source', labelNames: ['source'], registers: [this.registry] });

  readonly federatedPartRows = new Counter({ name: 'switchyard_federated_part_rows_total', help: 'Rows moved from each source into the combine step', labelNames: ['source'], registers: [this.registry] });

  readonly federatedPartDuration = new Histogram({ name: 'switchyard_federated_part_duration_seconds', help: 'Extraction latency of federated parts', labelNames: ['source'], buckets: latencyBuckets, registers: [this.registry] });

  readonly catalogAge: Gauge;

  constructor(catalogBuiltAt: () => string | undefined) {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_' });
    this.catalogAge = new Gauge({
      name: 'switchyard_catalog_age_seconds',
      help: 'Seconds since the catalog snapshot was built',
      registers: [this.registry],
      collect() {
        const builtAt = catalogBuiltAt();
        if (builtAt !== undefined) this.set((Date.now() - Date.parse(builtAt)) / 1000);
      },
    });
  }
}
