import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * A fixed, small set of connections to one in-process DuckDB instance. DuckDB parallelises a
 * single query over its threads, so a few connections suffice; callers beyond that wait in order.
 */
export class DuckDbConnectionPool {
  private readonly idle: DuckDBConnection[] = [];
  private readonly all: DuckDBConnection[] = [];
  private readonly waiting: { resolve: (connection: DuckDBConnection) => void; reject: (error: Error) => void }[] = [];
  private closed = false;

  /**
   * @param prepare runs once on every new connection (e.g. setting its search path).
   */
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly size: number,
    private readonly prepare: (connection: DuckDBConnection) => Promise<void>,
  ) {}

  /** Runs `work` on a connection, waiting for one when all are busy. */
  async use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.release(connection);
    }
  }

  private async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error('The DuckDB connection pool is closed');
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    if (this.all.length < this.size) {
      const connection = await this.instance.connect();
      this.all.push(connection);
      await this.prepare(connection);
      return connection;
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next !== undefined) next.resolve(connection);
    else this.idle.push(connection);
  }

  /** Disconnects every connection; later `use` calls fail. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The DuckDB connection pool is closed'));
    for (const connection of this.all) connection.closeSync();
    this.all.length = 0;
    this.idle.length = 0;
  }
}
