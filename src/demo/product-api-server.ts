import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoCategories, demoCities, demoForecast, demoProducts, type DemoProduct } from './product-api-data.js';

/** A running demo product API. */
export interface ProductApiServer {
  /** Base URL, e.g. `http://127.0.0.1:53211`. */
  readonly url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sortKeys = ['price', 'rating', 'name', 'stock'] as const;

function numberParameter(query: URLSearchParams, name: string, minimum: number, maximum: number, integer: boolean): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < minimum || value > maximum) {
    throw new BadRequest(400, `query parameter ${name} must be ${integer ? 'an integer' : 'a number'} from ${minimum} to ${maximum}, got "${text}"`);
  }
  return value;
}

function choiceParameter<Choice extends string>(query: URLSearchParams, name: string, choices: readonly Choice[]): Choice | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw new BadRequest(400, `query parameter ${name} must be one of ${choices.join(', ')}, got "${text}"`);
  return text as Choice;
}

function listProducts(products: DemoProduct[], query: URLSearchParams): DemoProduct[] {
  const category = choiceParameter(query, 'category', demoCategories);
  const minPrice = numberParameter(query, 'minPrice', 0, 100_000, false);
  const maxPrice = numberParameter(query, 'maxPrice', 0, 100_000, false);
  const inStock = choiceParameter(query, 'inStock', ['true', 'false']);
  const sort = choiceParameter(query, 'sort', sortKeys) ?? 'name';
  const order = choiceParameter(query, 'order', ['asc', 'desc']) ?? 'asc';
  const limit = numberParameter(query, 'limit', 1, 100, true) ?? 20;
  const direction = order === 'asc' ? 1 : -1;
  return products
    .filter((product) => category === undefined || product.category === category)
    .filter((product) => (minPrice === undefined || product.price >= minPrice) && (maxPrice === undefined || product.price <= maxPrice))
    .filter((product) => inStock === undefined || (product.stock > 0) === (inStock === 'true'))
    .sort((left, right) => {
      const a = left[sort];
      const b = right[sort];
      return (typeof a === 'string' ? a.localeCompare(b as string) : a - (b as number)) * direction || left.id - right.id;
    })
    .slice(0, limit);
}

function categorySummary(products: DemoProduct[]): unknown[] {
  return demoCategories.map((category) => {
    const members = products.filter((product) => product.category === category);
    const total = members.reduce((sum, product) => sum + product.price, 0);
    return {
      category,
      productCount: members.length,
      averagePrice: Number((total / members.length).toFixed(2)),
      totalStock: members.reduce((sum, product) => sum + product.stock, 0),
    };
  });
}

function route(products: DemoProduct[], url: URL): unknown {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments.length === 0) return { name: 'Switchyard demo product API', operations: ['/products', '/products/{productId}', '/categories', '/weather/{city}'] };
  if (segments[0] === 'products' && segments.length === 1) return listProducts(products, url.searchParams);
  if (segments[0] === 'products' && segments.length === 2) {
    const product = products.find((candidate) => String(candidate.id) === segments[1]);
    if (product === undefined) throw new BadRequest(404, `product ${segments[1]} not found; ids run from 1 to ${products.length}`);
    return product;
  }
  if (segments[0] === 'categories' && segments.length === 1) return categorySummary(products);
  if (segments[0] === 'weather' && segments.length === 2) {
    const city = demoCities.find((candidate) => candidate.toLowerCase() === segments[1]?.toLowerCase());
    if (city === undefined) throw new BadRequest(404, `no forecast for "${segments[1]}"; cities: ${demoCities.join(', ')}`);
    return demoForecast(city, numberParameter(url.searchParams, 'days', 1, 14, true) ?? 7);
  }
  throw new BadRequest(404, `no route for ${url.pathname}`);
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/**
 * The demo's REST source: a small, deterministic product catalogue and weather forecast (read-only,
 * GET only) described by catalog/apis/product-api.yaml. It listens on 127.0.0.1 on an ephemeral
 * port so a fresh clone has a REST source next to the DuckDB ones without any account or network.
 */
export async function startProductApiServer(): Promise<ProductApiServer> {
  const products = demoProducts();
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET') {
      response.setHeader('allow', 'GET');
      send(response, 405, { message: `method ${request.method ?? ''} is not allowed; this API is read-only` });
      return;
    }
    try {
      send(response, 200, route(products, new URL(request.url ?? '/', 'http://127.0.0.1')));
    } catch (error) {
      if (error instanceof BadRequest) send(response, error.status, { message: error.message });
      else if (error instanceof URIError) send(response, 400, { message: 'malformed percent-encoding in the path' });
      else send(response, 500, { message: 'internal error' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
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
