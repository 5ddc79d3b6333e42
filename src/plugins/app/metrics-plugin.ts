import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { setTimeout as delay } from 'node:timers/promises';
import { ServiceMetrics } from '../../metrics/service-metrics.js';
import { sourceQueryChannel, type SourceQueryEvent } from '../../resilience/resilient-connector.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Prometheus metrics of this instance. */
    metrics: ServiceMetrics;
  }
  interface FastifyRequest {
    /** The error status a streamed (SSE) reply ended with after its 200 went out; counted as the outcome. */
    streamedErrorStatus: number | undefined;
  }
}

/** Options of the metrics plugin. */
export interface MetricsPluginOptions {
  /** Longest wait for in-flight requests on close, in milliseconds. Default 10000 (close-with-grace's delay). */
  readonly drainTimeoutMs?: number;
}

function outcomeOf(status: number): string {
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}

/**
 * Creates the registry, counts every request by route template and outcome, turns source query
 * events into per-source metrics, echoes the request id, and on close waits for in-flight
 * requests to finish before later onClose hooks close connection pools.
 */
export default fp<MetricsPluginOptions>(
  async (app, options) => {
    const metrics = new ServiceMetrics(() => (app.hasDecorator('catalog') && app.catalog.isLoaded ? app.catalog.snapshot.builtAt : undefined));
    app.decorate('metrics', metrics);
    app.decorateRequest('streamedErrorStatus', undefined);

    const onSourceQuery = (message: unknown): void => {
      const event = message as SourceQueryEvent;
      metrics.sourceQueryDuration.observe({ source: event.source, outcome: event.outcome === 'ok' ? 'ok' : 'error' }, event.durationSeconds);
      if (event.outcome !== 'ok') metrics.sourceErrors.inc({ source: event.source, code: event.outcome });
    };
    sourceQueryChannel.subscribe(onSourceQuery);

    // Keyed by the request object, not its id: a caller's X-Request-Id becomes the id, and two
    // requests sharing one would collapse into one entry and leave the gauge counting up for ever.
    const inFlight = new Set<FastifyRequest>();
    app.addHook('onRequest', async (request, reply) => {
      inFlight.add(request);
      metrics.inFlight.inc();
      reply.header('x-request-id', request.id);
      reply.raw.once('close', () => {
        if (inFlight.delete(request)) metrics.inFlight.dec();
      });
    });
    app.addHook('onResponse', async (request, reply) => {
      if (inFlight.delete(request)) metrics.inFlight.dec();
      // The route template, never the raw URL, keeps label cardinality bounded.
      const route = request.routeOptions.url ?? 'unmatched';
      // An event stream is 200 before its error is known: count the error it ended with, as /query would.
      const outcome = outcomeOf(request.streamedErrorStatus ?? reply.statusCode);
      metrics.httpRequests.inc({ route, method: request.method, status: String(reply.statusCode), outcome });
      metrics.httpDuration.observe({ route, method: request.method, outcome }, reply.elapsedTime / 1000);
    });

    app.addHook('preClose', async () => {
      const deadline = Date.now() + (options.drainTimeoutMs ?? 10_000);
      while (inFlight.size > 0 && Date.now() < deadline) await delay(10);
      if (inFlight.size > 0) app.log.warn({ inFlight: inFlight.size }, 'closing with requests still in flight');
    });
    app.addHook('onClose', async () => sourceQueryChannel.unsubscribe(onSourceQuery));
  },
  { name: 'metrics' },
);
