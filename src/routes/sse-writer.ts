import type { ServerResponse } from 'node:http';

/** Writes Server-Sent Events to a raw response; writes after the client left are dropped. */
export class SseWriter {
  readonly #response: ServerResponse;

  constructor(response: ServerResponse) {
    this.#response = response;
  }

  /** Sends the status line and the headers that keep proxies from buffering the stream. */
  open(extraHeaders: Record<string, unknown>): void {
    this.#response.writeHead(200, {
      ...extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
  }

  /** Sends one named event with a JSON payload. */
  send(event: string, data: unknown): void {
    if (this.#response.writableEnded || this.#response.destroyed) return;
    this.#response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends the stream. */
  close(): void {
    if (!this.#response.writableEnded) this.#response.end();
  }
}
