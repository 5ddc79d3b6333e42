/**
 * TEST DOUBLE support: a plain TCP forwarder on 127.0.0.1 that a test can stop and restart on the
 * same port, to make a real PostgreSQL unreachable mid-run (connections refused, live ones cut)
 * without touching the shared server. Bytes pass through unchanged.
 */
import net from 'node:net';

/** A stoppable TCP proxy to 127.0.0.1:`targetPort`. */
export class TcpProxy {
  readonly #targetPort: number;
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | undefined;
  #port = 0;

  private constructor(targetPort: number) {
    this.#targetPort = targetPort;
  }

  /** Starts forwarding on an ephemeral port. */
  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await proxy.resume();
    return proxy;
  }

  /** The listening port (kept across stop and resume). */
  get port(): number {
    return this.#port;
  }

  /** Listens again on the same port. */
  async resume(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect({ host: '127.0.0.1', port: this.#targetPort });
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  /** Refuses new connections and cuts every live one. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
