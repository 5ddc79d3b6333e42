/**
 * TEST DOUBLE support: the HTTP plumbing the protocol emulators share. A server on 127.0.0.1 (a
 * port the OS picks) that reads each request's body whole, asks the emulator's route for the
 * answer and sends it; a route that throws answers 500 with the error as text.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a route answers. */
export interface LoopbackReply {
  /** HTTP status. */
  readonly status: number;
  /** The body, as text. */
  readonly text: string;
  /** Response headers; `content-length` is added. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A listening emulator server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/** The whole body of a request, as UTF-8 text. */
export function readRequestText(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Starts a server that answers every request with what `route` returns for it and its body. */
export async function startLoopbackServer(route: (request: http.IncomingMessage, body: string) => Promise<LoopbackReply>): Promise<LoopbackServer> {
  const server = http.createServer((request, response) => {
    readRequestText(request)
      .then((body) => route(request, body))
      .then(
        ({ status, text, headers }) => {
          response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
          response.end(text);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
