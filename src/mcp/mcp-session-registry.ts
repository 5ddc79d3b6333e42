import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { McpCaller } from './mcp-caller.js';
import { withProtocolErrorData } from './mcp-error-mapping.js';

/** One client's MCP session over HTTP: its server, its transport and who opened it. */
export interface McpSession {
  /** The Mcp-Session-Id the client sends with every request. */
  readonly id: string;
  /** Client name of the key that opened it (undefined when auth is off); every later request must present the same client. */
  readonly owner: string | undefined;
  /** The session's transport, which every request of the session is handed to. */
  readonly transport: WebStandardStreamableHTTPServerTransport;
  /** The session's server: its tools, resources and notifications. */
  readonly server: Server;
  /** When a request of the session last arrived (epoch milliseconds). */
  lastSeen: number;
  /** Notification streams (GET /mcp) now open. */
  openStreams: number;
}

/** Limits of the session registry. */
export interface McpSessionLimits {
  /** Sessions kept at once; past it the least recently used one is closed. */
  readonly maxSessions: number;
  /** Milliseconds a session without an open stream may stay unused before it is closed. */
  readonly idleMs: number;
}

/**
 * The MCP sessions open over HTTP, each bound to the client that opened it. Sessions live in this
 * process: behind a load balancer, replicas need sticky sessions on the Mcp-Session-Id header. An
 * unused session closes after the idle time, and past the cap the least recently used one closes;
 * its client then gets 404 for the session and initializes a new one, as the protocol says.
 */
export class McpSessionRegistry {
  readonly #sessions = new Map<string, McpSession>();
  readonly #limits: McpSessionLimits;
  readonly #createServer: (caller: McpCaller) => Server;
  readonly #sweep: NodeJS.Timeout;

  constructor(limits: McpSessionLimits, createServer: (caller: McpCaller) => Server) {
    this.#limits = limits;
    this.#createServer = createServer;
    this.#sweep = setInterval(() => this.#closeIdle(), Math.min(limits.idleMs, 60_000));
    this.#sweep.unref();
  }

  /** Sessions open now. */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * A new session for `caller`, to hand its initialize request to: the session is registered when
   * the transport accepts that request and assigns the id, and forgotten when the client deletes it.
   */
  async open(caller: McpCaller): Promise<WebStandardStreamableHTTPServerTransport> {
    const server = this.#createServer(caller);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.#evictPastCap();
        this.#sessions.set(id, { id, owner: caller.client?.id, transport, server, lastSeen: Date.now(), openStreams: 0 });
      },
      onsessionclosed: (id) => {
        this.#sessions.delete(id);
      },
    });
    // A transport closed by the server (idle, evicted, shutdown) forgets its session too.
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.#sessions.delete(transport.sessionId);
    };
    await server.connect(withProtocolErrorData(transport));
    return transport;
  }

  /** The session `id` when `owner` opened it, marked as used now; undefined otherwise, so another client's id looks unknown. */
  find(id: string, owner: string | undefined): McpSession | undefined {
    const session = this.#sessions.get(id);
    if (session === undefined || session.owner !== owner) return undefined;
    session.lastSeen = Date.now();
    // Map order is recency order: the least recently used session is evicted first.
    this.#sessions.delete(id);
    this.#sessions.set(id, session);
    return session;
  }

  /** Counts a notification stream of `session` as open until the returned function is called. */
  streamOpened(session: McpSession): () => void {
    session.openStreams += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      session.openStreams -= 1;
      session.lastSeen = Date.now();
    };
  }

  /** Tells every session's client that the resource list changed. */
  notifyResourceListChanged(): void {
    for (const session of this.#sessions.values()) session.server.sendResourceListChanged().catch(() => undefined);
  }

  /** Ends every notification stream (at the start of shutdown, so it does not wait on streams that never end). */
  closeNotificationStreams(): void {
    for (const session of this.#sessions.values()) session.transport.closeStandaloneSSEStream();
  }

  /** Closes every session. */
  async close(): Promise<void> {
    clearInterval(this.#sweep);
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.allSettled(sessions.map((session) => session.server.close()));
  }

  #evictPastCap(): void {
    while (this.#sessions.size >= this.#limits.maxSessions) {
      const oldest = this.#sessions.values().next().value;
      if (oldest === undefined) return;
      this.#end(oldest);
    }
  }

  #closeIdle(): void {
    const cutoff = Date.now() - this.#limits.idleMs;
    for (const session of [...this.#sessions.values()]) if (session.openStreams === 0 && session.lastSeen < cutoff) this.#end(session);
  }

  #end(session: McpSession): void {
    this.#sessions.delete(session.id);
    session.server.close().catch(() => undefined);
  }
}
