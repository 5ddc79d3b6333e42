/** The part of autocannon's programmatic API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  /** One request as autocannon sends it. */
  interface AutocannonRequest {
    /** HTTP method. */
    method?: string;
    /** Request path. */
    path?: string;
    /** Request headers. */
    headers?: Record<string, string>;
    /** Request body. */
    body?: string;
    /** Rewrites the request before it is sent. */
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    /** Reads the response. */
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  /** Run options. */
  interface AutocannonOptions {
    /** Target base URL. */
    url: string;
    /** Concurrent connections. */
    connections: number;
    /** Seconds to run. */
    duration: number;
    /** Request sequence, repeated per connection. */
    requests: AutocannonRequest[];
  }
  /** A histogram summary. */
  interface Histogram {
    /** Mean. */
    average: number;
    /** Total count (requests only). */
    total: number;
    /** 50th percentile. */
    p50: number;
    /** 99th percentile. */
    p99: number;
  }
  /** Run results. */
  interface AutocannonResult {
    /** Requests per second. */
    requests: Histogram;
    /** Latency in milliseconds. */
    latency: Histogram;
    /** Connection errors. */
    errors: number;
    /** Timeouts. */
    timeouts: number;
    /** Responses outside 2xx. */
    non2xx: number;
  }
  /** Runs a benchmark. */
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
