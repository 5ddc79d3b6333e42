/**
 * TEST DOUBLE. A tiny AWS JSON 1.1 protocol server on 127.0.0.1 that emulators (Athena, Redshift
 * Data, Glue) plug their operations into. The real AWS SDK clients talk to it through their
 * `endpoint` option with static credentials: requests are `POST /` with
 * `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target: <Service>.<Operation>`; errors are
 * HTTP 400 with `x-amzn-ErrorType` and a `{"__type", "message"}` body, as the services send them.
 * Signatures are not verified: this is a local double, not an authorisation check.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestText } from './loopback-http-server.js';

/** An error an operation handler throws to answer with an AWS JSON error document. */
export class AwsJsonError extends Error {
  constructor(
    /** AWS error shape name, e.g. `InvalidRequestException`. */
    readonly type: string,
    message: string,
    /** Extra members of the error document (e.g. Athena's `AthenaErrorCode`). */
    readonly extra: Record<string, unknown> = {},
    /** HTTP status; 400 for client errors. */
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

/** Operation name → handler of its JSON input. */
export type AwsJsonOperations = Record<string, (input: Record<string, unknown>) => Promise<unknown> | unknown>;

/** A started emulator server. */
export interface AwsJsonServer {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint`. */
  readonly endpoint: string;
  /** Every operation called, in order (for asserting the SDK spoke the expected protocol). */
  readonly calls: string[];
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

function sendJson(response: http.ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': `emulator-${Date.now().toString(36)}`,
    ...headers,
  });
  response.end(text);
}

/** Starts an AWS JSON 1.1 server for one service target prefix (e.g. `AmazonAthena`, `RedshiftData`, `AWSGlue`). */
export async function startAwsJsonServer(targetPrefix: string, operations: AwsJsonOperations): Promise<AwsJsonServer> {
  const calls: string[] = [];
  const server = http.createServer((request, response) => {
    void (async () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const [prefix, operation = ''] = target.split('.');
      const handler = prefix === targetPrefix ? operations[operation] : undefined;
      const body = await readRequestText(request);
      if (request.method !== 'POST' || handler === undefined) {
        sendJson(response, 400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` }, {
          'x-amzn-errortype': 'UnknownOperationException',
        });
        return;
      }
      calls.push(operation);
      try {
        const input = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
        sendJson(response, 200, (await handler(input)) ?? {});
      } catch (error) {
        const failure = error instanceof AwsJsonError ? error : new AwsJsonError('InternalServerException', String(error), {}, 500);
        sendJson(response, failure.statusCode, { __type: failure.type, message: failure.message, Message: failure.message, ...failure.extra }, {
          'x-amzn-errortype': failure.type,
        });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
