import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorSource } from '../../src/connectors/connector-source.js';
import type { RestConnection } from '../../src/connectors/rest/rest-connection-schema.js';
import { RestApiConnector } from '../../src/connectors/rest/rest-api-connector.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { closedPort } from './closed-port.js';

const token = 'secret-token-7f3a9c';

/**
 * Test double of a REST API: a real HTTP server on 127.0.0.1 serving an OpenAPI 3 document (at
 * /openapi.json) with two GET operations and one POST, requiring a bearer token. It records every
 * request so tests can see what the connector sent.
 */
const document = {
  openapi: '3.0.3',
  info: { title: 'Widget test API', version: '1' },
  paths: {
    '/widgets': {
      get: {
        operationId: 'listWidgets',
        summary: 'Widgets with their maker',
        parameters: [
          { name: 'color', in: 'query', schema: { type: 'string', enum: ['red', 'blue'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'array', items: { $ref: '#/components/schemas/Widget' } },
                example: [{ id: 1, name: 'Sprocket', color: 'red', maker: { name: 'Acme', city: 'Oslo' } }],
              },
            },
          },
        },
      },
      post: { operationId: 'createWidget', responses: { '201': { description: 'created' } } },
    },
    '/widgets/{widgetId}': {
      get: {
        operationId: 'getWidget',
        summary: 'One widget',
        parameters: [{ name: 'widgetId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Widget: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string', description: 'Widget name' },
          color: { type: 'string' },
          maker: { type: 'object', properties: { name: { type: 'string' }, city: { type: 'string' } } },
        },
      },
    },
  },
};

const widgets = [
  { id: 1, name: 'Sprocket', color: 'red', maker: { name: 'Acme', city: 'Oslo' }, tags: ['a', 'b'] },
  { id: 2, name: 'Gear', color: 'blue', maker: { name: 'Bolt', city: 'Lima' }, tags: [] },
  { id: 3, name: 'Cog', color: 'red', maker: { name: 'Acme', city: 'Oslo' }, tags: ['c'] },
];

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

let server: http.Server;
let baseUrl: string;
const recorded: Recorded[] = [];
const openSockets = new Set<import('node:net').Socket>();

function send(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    recorded.push({ method: request.method ?? '', url: url.pathname + url.search, authorization: request.headers.authorization });
    if (url.pathname === '/openapi.json') return send(response, 200, document);
    if (url.pathname.startsWith('/slow')) return undefined; // never answers: for timeouts and aborts
    if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { message: 'bad token' });
    if (url.pathname === '/') return send(response, 200, { ok: true });
    if (url.pathname === '/widgets') {
      const color = url.searchParams.get('color');
      if (color === 'blue' && url.searchParams.get('limit') === '13') return send(response, 500, { message: 'database exploded' });
      const limit = Number(url.searchParams.get('limit') ?? 50);
      return send(response, 200, widgets.filter((widget) => color === null || widget.color === color).slice(0, limit));
    }
    const match = /^\/widgets\/([^/]+)$/.exec(url.pathname);
    if (match) {
      const widget = widgets.find((candidate) => String(candidate.id) === decodeURIComponent(match[1] as string));
      return widget ? send(response, 200, widget) : send(response, 404, { message: `widget ${decodeURIComponent(match[1] as string)} does not exist` });
    }
    return send(response, 404, { message: 'no route' });
  });
  server.on('connection', (socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of openSockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function connector(overrides: { baseUrl?: string; token?: string } = {}): RestApiConnector {
  const config: ConnectorSource<RestConnection> = {
    name: 'widgets',
    kind: 'rest',
    connection: {
      document: `${baseUrl}/openapi.json`,
      baseUrl: overrides.baseUrl ?? baseUrl,
      headers: { Authorization: `Bearer ${overrides.token ?? token}` },
    },
  };
  return new RestApiConnector(config);
}

const limits = { maxRows: 100, timeoutMs: 5000 };

/** Requests other than the document download: what the connector sent to the API's operations. */
const dataRequests = (): Recorded[] => recorded.filter((request) => request.url !== '/openapi.json');

async function failure(work: Promise<unknown>): Promise<SwitchyardError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(SwitchyardError.isInstance(error), String(error)).toBe(true);
  return error as SwitchyardError;
}

describe('RestApiConnector against a local OpenAPI test double', () => {
  it('introspects GET operations only, with columns from the response schema and sample rows from the examples', async () => {
    const rest = connector();
    recorded.length = 0;
    const tables = await rest.introspect();
    expect(tables.map((table) => table.name)).toEqual(['listWidgets', 'getWidget']);
    const list = tables[0]!;
    expect(list.comment).toBe('Widgets with their maker');
    expect(list.columns.map((column) => `${column.name}:${column.type}`)).toEqual(['id:integer', 'name:varchar', 'color:varchar', 'maker.name:varchar', 'maker.city:varchar']);
    expect(list.columns.find((column) => column.name === 'name')).toMatchObject({ nullable: false, comment: 'Widget name' });
    expect(list.sampleRows).toEqual([[1, 'Sprocket', 'red', 'Acme', 'Oslo']]);
    expect(tables[1]!.sampleRows).toEqual([]);
    // Only the document was fetched: the catalog never calls the API's data operations.
    expect(recorded.map((request) => request.url)).toEqual(['/openapi.json']);
    expect(rest.requestLanguage).toBe('http-get');
  });

  it('runs a valid plan and flattens an array of objects into rows with dotted columns', async () => {
    const rest = connector();
    recorded.length = 0;
    const result = await rest.executePlan({ operation: 'listWidgets', parameters: { color: 'red', limit: 10 } }, limits);
    expect(result.columns.map((column) => column.name)).toEqual(['id', 'name', 'color', 'maker.name', 'maker.city', 'tags']);
    expect(result.columns[0]).toEqual({ name: 'id', type: 'integer' });
    expect(result.rows).toEqual([
      [1, 'Sprocket', 'red', 'Acme', 'Oslo', '["a","b"]'],
      [3, 'Cog', 'red', 'Acme', 'Oslo', '["c"]'],
    ]);
    expect(result.truncated).toBe(false);
    expect(dataRequests()).toEqual([{ method: 'GET', url: '/widgets?color=red&limit=10', authorization: `Bearer ${token}` }]);
  });

  it('renders a plan as request text, and execute() takes that text back', async () => {
    const rest = connector();
    const text = await rest.httpRequests.renderRequest({ operation: 'listWidgets', parameters: { color: 'blue', tags: ['x', 'y'] } });
    expect(text).toBe('GET /widgets?color=blue&tags=x&tags=y');
    const single = await rest.execute('GET /widgets/2', limits);
    expect(single.rows).toEqual([[2, 'Gear', 'blue', 'Bolt', 'Lima', '[]']]);
    const truncated = await rest.execute('GET /widgets', { maxRows: 2, timeoutMs: 5000 });
    expect(truncated.rows).toHaveLength(2);
    expect(truncated.truncated).toBe(true);
  });

  it('describes operations with their parameter schemas for the prompt', async () => {
    const text = await connector().httpRequests.describeOperations(['listWidgets']);
    expect(text).toContain('operation: listWidgets — Widgets with their maker');
    expect(text).toContain('request: GET /widgets');
    expect(text).toContain('color (query, optional): string; one of "red", "blue"');
    expect(text).toContain('limit (query, optional): integer; from 1 to 50');
    expect(text).not.toContain('getWidget');
  });

  it('describes an operation’s path and parameters for a federated plan, and refuses one the document lacks', async () => {
    const rest = connector();
    const shape = await rest.httpRequests.describeOperation('getWidget');
    expect(shape).toMatchObject({ operationId: 'getWidget', path: '/widgets/{widgetId}' });
    expect(shape.parameters).toEqual([expect.objectContaining({ name: 'widgetId', in: 'path', required: true })]);
    expect((await rest.httpRequests.describeOperation('listWidgets')).parameters.map((parameter) => [parameter.name, parameter.required])).toContainEqual(['color', false]);
    expect((await failure(rest.httpRequests.describeOperation('createWidget'))).message).toMatch(/choose one of: listWidgets, getWidget/);
  });

  it('rejects a bad parameter with an error naming it, before any request is sent', async () => {
    const rest = connector();
    recorded.length = 0;
    const badEnum = await failure(rest.executePlan({ operation: 'listWidgets', parameters: { color: 'green' } }, limits));
    expect(badEnum.code).toBe('SWY_ERR_QUERY_FAILED');
    expect(badEnum.message).toMatch(/"color" must be one of "red", "blue", got "green"/);
    const outOfRange = await failure(rest.executePlan({ operation: 'listWidgets', parameters: { limit: 500 } }, limits));
    expect(outOfRange.message).toMatch(/"limit" must be at most 50/);
    const wrongType = await failure(rest.httpRequests.renderRequest({ operation: 'listWidgets', parameters: { limit: 'ten' } }));
    expect(wrongType.message).toMatch(/"limit" must be integer/);
    const unknown = await failure(rest.executePlan({ operation: 'listWidgets', parameters: { colour: 'red' } }, limits));
    expect(unknown.message).toMatch(/"colour" is not a parameter of listWidgets/);
    const missing = await failure(rest.executePlan({ operation: 'getWidget', parameters: {} }, limits));
    expect(missing.message).toMatch(/"widgetId" is required/);
    expect(dataRequests()).toEqual([]);
  });

  it('refuses operations that are not GET or not in the document, and request text that is not a document GET', async () => {
    const rest = connector();
    recorded.length = 0;
    const post = await failure(rest.executePlan({ operation: 'createWidget', parameters: {} }, limits));
    expect(post.code).toBe('SWY_ERR_QUERY_FAILED');
    expect(post.message).toMatch(/"createWidget" is not a GET operation/);
    const invented = await failure(rest.httpRequests.renderRequest({ operation: 'deleteEverything', parameters: {} }));
    expect(invented.message).toMatch(/choose one of: listWidgets, getWidget/);
    for (const text of ['POST /widgets', `GET ${baseUrl}/widgets`, 'GET //evil.example/widgets', 'GET /admin', 'SELECT * FROM widgets']) {
      expect((await failure(rest.execute(text, limits))).code, text).toBe('SWY_ERR_QUERY_FAILED');
    }
    expect(dataRequests()).toEqual([]);
  });

  it('keeps a path parameter inside its path segment', async () => {
    const rest = connector();
    recorded.length = 0;
    const error = await failure(rest.executePlan({ operation: 'getWidget', parameters: { widgetId: '../openapi.json' } }, limits));
    expect(error.code).toBe('SWY_ERR_QUERY_FAILED');
    expect(dataRequests().map((request) => request.url)).toEqual(['/widgets/..%2Fopenapi.json']);
    expect((await failure(rest.executePlan({ operation: 'getWidget', parameters: { widgetId: '..' } }, limits))).message).toMatch(/cannot be "\.\."/);
  });

  it('turns an HTTP 4xx into a repairable error carrying the API message, never the token', async () => {
    const error = await failure(connector().executePlan({ operation: 'getWidget', parameters: { widgetId: '99' } }, limits));
    expect(error.code).toBe('SWY_ERR_QUERY_FAILED');
    expect(error.message).toBe('HTTP 404 from GET /widgets/99: widget 99 does not exist');
    expect(error.details).toMatchObject({ source: 'widgets', status: 404 });
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(token);
  });

  it('reports refused credentials and 5xx as the source being unavailable, without the credentials', async () => {
    const refused = await failure(connector({ token: 'wrong-token-value' }).executePlan({ operation: 'listWidgets', parameters: {} }, limits));
    expect(refused.code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
    expect(refused.message).toMatch(/Source "widgets".*HTTP 401/);
    expect(refused.isRetryable).toBe(false);
    expect(JSON.stringify({ message: refused.message, details: refused.details })).not.toContain('wrong-token-value');
    const serverError = await failure(connector().executePlan({ operation: 'listWidgets', parameters: { color: 'blue', limit: 13 } }, limits));
    expect(serverError.code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
    expect(serverError.message).toMatch(/Source "widgets" is unavailable: HTTP 500/);
  });

  it('reports a server that is down as SWY_ERR_SOURCE_UNAVAILABLE naming the source, for ping and for requests', async () => {
    const rest = connector({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const requestError = await failure(rest.executePlan({ operation: 'listWidgets', parameters: {} }, limits));
    expect(requestError.code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
    expect(requestError.message).toMatch(/Source "widgets" is unavailable: ECONNREFUSED/);
    expect(requestError.details).toEqual({ source: 'widgets' });
    const pingError = await failure(rest.ping());
    expect(pingError.code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
    expect(pingError.message).toContain('"widgets"');
    await expect(connector().ping()).resolves.toBeUndefined();
  });

  it('honours the timeout, the caller signal and close()', async () => {
    const slow = connector({ baseUrl: `${baseUrl}/slow` });
    const timedOut = await failure(slow.executePlan({ operation: 'listWidgets', parameters: {} }, { maxRows: 10, timeoutMs: 150 }));
    expect(timedOut.code).toBe('SWY_ERR_QUERY_TIMEOUT');
    const controller = new AbortController();
    const pending = slow.executePlan({ operation: 'listWidgets', parameters: {} }, { maxRows: 10, timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).code).toBe('SWY_ERR_QUERY_CANCELLED');
    const closing = slow.executePlan({ operation: 'listWidgets', parameters: {} }, { maxRows: 10, timeoutMs: 60_000 });
    setTimeout(() => void slow.close(), 20);
    expect((await failure(closing)).code).toBe('SWY_ERR_QUERY_CANCELLED');
    expect((await failure(slow.execute('GET /widgets', limits))).code).toBe('SWY_ERR_SOURCE_UNAVAILABLE');
  });
});
