/**
 * TEST DOUBLE of POST /query/stream for federated answers, until the pipeline answers them itself.
 *
 * An HTTP server in front of the real service: every request goes through to the service as it is (the
 * page, its scripts, /catalog, single-source questions answered by the real pipeline), except a POST
 * /query/stream while a scripted answer is queued, which the double answers itself with the real route's
 * writer (SseWriter: the same status, headers and `event:`/`data:` framing, the data repeating its event
 * name). Every scripted event is checked against QueryEventSchema, the schema the API document publishes
 * (a `done` event holds the whole QueryResponse), and a script must end with exactly one `done` or
 * `error`, so the double cannot drift from the wire format the page will meet.
 *
 * A script is sent in steps: the first when the page asks, each next one when the test calls `next()`,
 * so a test can look at the page between two events without timing anything.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Check, Errors } from 'typebox/value';
import { SseWriter } from '../../src/routes/sse-writer.js';
import { QueryEventSchema, type QueryEvent } from '../../src/schemas/query-event-schema.js';

/** A queued answer being sent. */
export interface ScriptedStream {
  /** Resolves with the request body the page posted, once it has asked. */
  readonly request: Promise<unknown>;
  /** Sends the next step; resolves once it is written. */
  next(): Promise<void>;
}

/** Throws unless every event is one the API document describes and the script ends as the real route's streams end. */
export function assertWireEvents(events: readonly QueryEvent[]): void {
  events.forEach((event, position) => {
    if (!Check(QueryEventSchema, event)) {
      const problems = Errors(QueryEventSchema, event).map((error) => `${error.instancePath} ${error.message}`);
      throw new Error(`Scripted event ${position + 1} (${String((event as { event?: unknown }).event)}) is not a QueryEvent: ${problems.join('; ')}`);
    }
  });
  const endings = events.filter((event) => event.event === 'done' || event.event === 'error');
  const last = events.at(-1);
  if (endings.length !== 1 || (last?.event !== 'done' && last?.event !== 'error')) {
    throw new Error('A stream ends with exactly one `done` or `error` event, and nothing after it.');
  }
  if (events[0]?.event !== 'route' && events[0]?.event !== 'error') throw new Error('A stream starts with `route` (or fails at once with `error`).');
}

interface QueuedScript {
  readonly steps: readonly (readonly QueryEvent[])[];
  readonly received: (body: unknown) => void;
  readonly attach: (writer: SseWriter) => void;
}

export class FederatedStreamDouble {
  readonly #server: http.Server;
  readonly #upstream: URL;
  readonly #queue: QueuedScript[] = [];
  readonly #open = new Set<http.ServerResponse>();

  private constructor(server: http.Server, upstream: URL) {
    this.#server = server;
    this.#upstream = upstream;
  }

  /** Starts the double on an ephemeral port of 127.0.0.1 in front of the service at `upstreamOrigin`. */
  static async start(upstreamOrigin: string): Promise<FederatedStreamDouble> {
    const server = http.createServer();
    const double = new FederatedStreamDouble(server, new URL(upstreamOrigin));
    server.on('request', (request, response) => void double.#handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return double;
  }

  /** The address the page is opened at. */
  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Queues the answer to the next POST /query/stream, in steps (see the file comment). */
  queue(...steps: (readonly QueryEvent[])[]): ScriptedStream {
    assertWireEvents(steps.flat());
    let received!: (body: unknown) => void;
    const request = new Promise<unknown>((resolve) => (received = resolve));
    let attached!: (writer: SseWriter) => void;
    const writer = new Promise<SseWriter>((resolve) => (attached = resolve));
    let sent = 0;
    const send = async (): Promise<void> => {
      const stream = await writer;
      const step = steps[sent];
      if (step === undefined) throw new Error(`The script has ${steps.length} steps; all were sent.`);
      sent += 1;
      for (const event of step) stream.send(event.event, event);
      if (sent === steps.length) stream.close();
    };
    this.#queue.push({ steps, received, attach: (stream) => {
      attached(stream);
      void send();
    } });
    return { request, next: send };
  }

  /** Ends streams left open and stops listening. */
  async close(): Promise<void> {
    for (const response of this.#open) response.end();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const scripted = request.method === 'POST' && request.url === '/query/stream' ? this.#queue.shift() : undefined;
    if (scripted === undefined) return this.#passThrough(request, response);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    scripted.received(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    this.#open.add(response);
    response.on('close', () => this.#open.delete(response));
    const writer = new SseWriter(response);
    writer.open({});
    scripted.attach(writer);
  }

  #passThrough(request: http.IncomingMessage, response: http.ServerResponse): void {
    const onward = http.request(
      { host: this.#upstream.hostname, port: this.#upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: this.#upstream.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    onward.on('error', (error) => response.destroy(error));
    // The page aborting a streamed question (Stop) reaches the service as its connection closing.
    response.on('close', () => onward.destroy());
    request.pipe(onward);
  }
}
