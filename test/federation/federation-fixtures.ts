import type { CatalogColumn } from '../../src/catalog/catalog-types.js';
import type { HttpOperationShape } from '../../src/connectors/connector.js';
import type { SqlDialectName } from '../../src/dialects/sql-dialect.js';
import type { FederatedPlan } from '../../src/federation/federated-plan.js';
import type { FederatedPlanRequest, FederatedPlanVerdict, FederatedSource } from '../../src/federation/federated-plan-request.js';
import { planFederatedQuery } from '../../src/federation/federated-query-planner.js';
import { SqlGuard } from '../../src/guard/sql-guard.js';

/** A catalog column. */
export function column(name: string, type: string, pii = false): CatalogColumn {
  return { name, type, nullable: true, ...(pii ? { pii: true } : {}) };
}

/** How each dialect's catalog names the column types of the `claims` table, as its introspection reports them. */
export const dialectTypes: Readonly<Record<SqlDialectName, Record<'integer' | 'decimal' | 'text' | 'date' | 'timestamp' | 'double' | 'boolean', string>>> = {
  postgres: { integer: 'integer', decimal: 'numeric(12,2)', text: 'text', date: 'date', timestamp: 'timestamp without time zone', double: 'double precision', boolean: 'boolean' },
  redshift: { integer: 'integer', decimal: 'numeric(12,2)', text: 'character varying(64)', date: 'date', timestamp: 'timestamp without time zone', double: 'double precision', boolean: 'boolean' },
  mysql: { integer: 'int', decimal: 'decimal(12,2)', text: 'varchar(64)', date: 'date', timestamp: 'datetime', double: 'double', boolean: 'tinyint(1)' },
  sqlite: { integer: 'integer', decimal: 'decimal(12,2)', text: 'text', date: 'date', timestamp: 'datetime', double: 'real', boolean: 'boolean' },
  duckdb: { integer: 'integer', decimal: 'decimal(12,2)', text: 'varchar', date: 'date', timestamp: 'timestamp', double: 'double', boolean: 'boolean' },
  athena: { integer: 'integer', decimal: 'decimal(12,2)', text: 'varchar', date: 'date', timestamp: 'timestamp', double: 'double', boolean: 'boolean' },
  trino: { integer: 'integer', decimal: 'decimal(12,2)', text: 'varchar(64)', date: 'date', timestamp: 'timestamp(3)', double: 'double', boolean: 'boolean' },
  snowflake: { integer: 'number(38,0)', decimal: 'number(12,2)', text: 'varchar', date: 'date', timestamp: 'timestamp_ntz', double: 'float', boolean: 'boolean' },
};

/** A `lake` source of the given dialect with a `claims` table (its `claimant_email` is personal data). */
export function lakeSource(dialect: SqlDialectName, extraTables: FederatedSource['tables'] = []): FederatedSource {
  const types = dialectTypes[dialect];
  return {
    name: 'lake',
    dialect,
    tables: [
      {
        name: 'claims',
        columns: [
          column('claim_id', types.integer),
          column('adjuster', types.integer),
          column('amount', types.decimal),
          column('status', types.text),
          column('filed', types.date),
          column('written', types.timestamp),
          column('score', types.double),
          column('fraud', types.boolean),
          column('claimant_email', types.text, true),
        ],
      },
      ...extraTables,
    ],
  };
}

/** An `hr` DuckDB source: employees (with a personal-data `ssn`) and titles. */
export const hrSource: FederatedSource = {
  name: 'hr',
  dialect: 'duckdb',
  tables: [
    {
      name: 'employees',
      columns: [column('emp_no', 'integer'), column('first_name', 'varchar'), column('last_name', 'varchar'), column('hire_date', 'date'), column('ssn', 'varchar', true)],
    },
    { name: 'titles', columns: [column('emp_no', 'integer'), column('title', 'varchar'), column('to_date', 'date')] },
  ],
};

const weatherOperation: HttpOperationShape = {
  operationId: 'getWeatherForecast',
  path: '/weather/{city}',
  parameters: [
    { name: 'city', in: 'path', required: true, schema: { type: 'string', enum: ['Seattle', 'Chicago', 'Miami', 'Denver', 'Boston'] } },
    { name: 'days', in: 'query', required: false, schema: { type: 'integer', default: 7 } },
  ],
};

/** A REST `product` source shaped like the demo's API, plus operations a test needs. */
export const productSource: FederatedSource = {
  name: 'product',
  dialect: 'openapi',
  tables: [
    {
      name: 'getWeatherForecast',
      columns: [column('city', 'varchar'), column('date', 'date'), column('temperatureHighC', 'double'), column('precipitationMm', 'double'), column('condition', 'varchar')],
    },
    { name: 'getProduct', columns: [column('id', 'integer'), column('name', 'varchar'), column('price', 'double')] },
    { name: 'listProducts', columns: [column('id', 'integer'), column('name', 'varchar'), column('category', 'varchar'), column('supplier.email', 'varchar', true)] },
    { name: 'getRate', columns: [column('base', 'varchar'), column('quote', 'varchar'), column('rate', 'double')] },
    { name: 'getOrder', columns: [column('id', 'integer'), column('total', 'double')] },
  ],
  operations: {
    getWeatherForecast: weatherOperation,
    getProduct: { operationId: 'getProduct', path: '/products/{productId}', parameters: [{ name: 'productId', in: 'path', required: true, schema: { type: 'integer' } }] },
    listProducts: { operationId: 'listProducts', path: '/products', parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', default: 20 } }] },
    getOrder: { operationId: 'getOrder', path: '/orders/{id}', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }] },
    getRate: {
      operationId: 'getRate',
      path: '/rates/{base}/{quote}',
      parameters: ['base', 'quote'].map((name) => ({ name, in: 'path' as const, required: true, schema: { type: 'string', enum: 'ABCDEFGHIJK'.split('') } })),
    },
  },
};

let guard: SqlGuard | undefined;

/** The guard, created once per test file. */
export async function testGuard(): Promise<SqlGuard> {
  guard ??= await SqlGuard.create();
  return guard;
}

/** Plans `sql` over the sources with generous caps. */
export async function plan(sql: string, sources: readonly FederatedSource[], options: Partial<FederatedPlanRequest> = {}): Promise<FederatedPlanVerdict> {
  return planFederatedQuery({ sql, sources, guard: await testGuard(), rowLimit: 101, partRowCap: 1000, ...options });
}

/** Plans `sql` and fails the test unless the guard allowed it. */
export async function allowedPlan(sql: string, sources: readonly FederatedSource[], options: Partial<FederatedPlanRequest> = {}): Promise<FederatedPlan> {
  const verdict = await plan(sql, sources, options);
  if (!verdict.allowed) throw new Error(`refused (${verdict.rule}): ${verdict.reason}`);
  return verdict.plan;
}

/** The plan's part reading `combineTable`. */
export function partOf(plan: FederatedPlan, combineTable: string) {
  const part = plan.parts.find((candidate) => candidate.combineTable === combineTable);
  if (part === undefined) throw new Error(`no part reads ${combineTable}: ${plan.parts.map((candidate) => candidate.combineTable).join(', ')}`);
  return part;
}
