import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** How often close() repeats its interrupt of the statements still running. */
const closeInterruptEveryMs = 50;
/** How long close() waits for interrupted statements to end before closing anyway. */
const closeGraceMs = 5_000;

/** A caller waiting for a free slot. */
interface Waiter {
  /** Hands the slot over. */
  readonly grant: () => void;
  /** Fails the wait (pool closed). */
  readonly fail: (error: Error) => void;
}

/** Why a use() could not start; the connector maps it by its own state (deadline, cancellation, closed). */
class DuckDbPoolStopped extends Error {}

/** Whether `error` says a statement never started because its pool stopped (closed, or its instance retired). */
export function isPoolStopped(error: unknown): boolean {
  return error instanceof DuckDbPoolStopped;
}

/**
 * At most `size` statements at a time on one in-process DuckDB instance. DuckDB parallelises a
 * single query over its threads, so a few at once suffice; callers beyond that wait in order, each
 * only until its own stop signal (its deadline or cancellation) fires. Every statement gets a fresh
 * connection, closed after it: whatever a statement changed on its connection (search path, temporary
 * objects, profiling) cannot reach the next client's statement, and an interrupt meant for one
 * statement can never land on another.
 */
export class DuckDbConnectionPool {
  private readonly waiting: Waiter[] = [];
  private readonly running = new Set<DuckDBConnection>();
  // Closing a connection whose statement failed on an instance DuckDB can no longer serve aborts the
  // process, so such connections are kept, unclosed, for the life of the process.
  private readonly unclosable: DuckDBConnection[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private busy = 0;
  private closed = false;
  private readonly idleWaiters: (() => void)[] = [];

  /**
   * @param prepare runs on every new connection before the statement (e.g. setting its search path).
   * @param verify runs after every statement, before its connection is closed; false means the
   *   instance can no longer serve, and the connection is then left open.
   */
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly size: number,
    private readonly prepare: (connection: DuckDBConnection) => Promise<void>,
    private readonly verify: () => Promise<boolean>,
  ) {}

  /**
   * Runs `work` on a fresh connection once a slot is free. Fails with DuckDbPoolStopped when `stop`
   * fires before a slot is free (the waiter then never takes one) or when the pool is closed.
   */
  async use<T>(stop: AbortSignal | undefined, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    await this.takeSlot(stop);
    const task = this.runOnFreshConnection(stop, work);
    this.inFlight.add(task);
    try {
      return await task;
    } finally {
      this.inFlight.delete(task);
      this.releaseSlot();
    }
  }

  private async runOnFreshConnection<T>(stop: AbortSignal | undefined, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.instance.connect();
    this.running.add(connection);
    try {
      if (this.closed) throw new DuckDbPoolStopped('The DuckDB connection pool is closed');
      if (stop?.aborted) throw new DuckDbPoolStopped('The statement was stopped before it started');
      await this.prepare(connection);
      return await work(connection);
    } finally {
      this.running.delete(connection);
      if (await this.verify().catch(() => false)) connection.closeSync();
      else this.unclosable.push(connection);
    }
  }

  private takeSlot(stop: AbortSignal | undefined): Promise<void> {
    if (this.closed) return Promise.reject(new DuckDbPoolStopped('The DuckDB connection pool is closed'));
    if (stop?.aborted) return Promise.reject(new DuckDbPoolStopped('The statement was stopped before it started'));
    if (this.busy < this.size) {
      this.busy += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const giveUp = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new DuckDbPoolStopped('The statement was stopped while waiting for a connection'));
      };
      const waiter: Waiter = {
        grant: () => {
          stop?.removeEventListener('abort', giveUp);
          resolve();
        },
        fail: (error) => {
          stop?.removeEventListener('abort', giveUp);
          reject(error);
        },
      };
      stop?.addEventListener('abort', giveUp, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the first waiter still waiting (one that gave up has left the queue), or frees it. */
  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next.grant();
    else this.busy -= 1;
    if (this.busy === 0) for (const idle of this.idleWaiters.splice(0)) idle();
  }

  /** Starts no more statements: queued ones and later ones fail with DuckDbPoolStopped; running ones go on. */
  stopAdmitting(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.fail(new DuckDbPoolStopped('The DuckDB instance was retired'));
  }

  /** Resolves once every statement started or queued has ended; statements are not interrupted. */
  drain(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Fails every waiter, interrupts every running statement (repeatedly, as DuckDB drops an interrupt
   * that lands before a statement starts) and resolves once they have ended, or after a grace period.
   */
  async close(): Promise<void> {
    this.stopAdmitting();
    const interruptAll = () => {
      for (const connection of this.running) connection.interrupt();
    };
    interruptAll();
    const repeater = setInterval(interruptAll, closeInterruptEveryMs);
    let graceTimer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise((resolve) => {
          graceTimer = setTimeout(resolve, closeGraceMs);
        }),
      ]);
    } finally {
      clearInterval(repeater);
      clearTimeout(graceTimer);
    }
  }
}
