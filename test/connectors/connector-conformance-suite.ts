import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { SourceConfig } from '../../src/sources/source-config.js';
import type { Connector, ConnectorCapabilities, ExecuteOptions } from '../../src/connectors/connector.js';
import { createConnector } from '../../src/connectors/connector-factory.js';
import { getDialect, requireSqlDialect } from '../../src/dialects/dialect-registry.js';
import { probeService, type LocalService } from '../helpers/services.js';
import { conformanceTables, tableRecords } from './conformance-dataset.js';
import { decimalSum, expectSwitchyardError, isoTimestamp } from './conformance-expectations.js';

/** A loaded copy of the dataset that a connector can be pointed at. */
export interface ConformanceTarget {
  /** Connection settings for the seeded data. */
  readonly connection: SourceConfig['connection'];
  /** Drops what `prepare` created. */
  cleanup(): Promise<void>;
}

/** How to run the conformance suite against one connector. */
export interface ConformanceOptions {
  /** Name of the describe block. */
  readonly label: string;
  /** Source kind handed to the factory. */
  readonly kind: SourceConfig['kind'];
  /** Local service to probe first (skips locally, fails under CI=true when absent). */
  readonly service?: LocalService;
  /** Seeds the dataset and returns where it lives. */
  prepare(): Promise<ConformanceTarget>;
  /** Builds the connector; defaults to the production factory. */
  readonly createConnector?: (config: SourceConfig) => Connector;
  /** The capabilities the connector must declare. */
  readonly capabilities: ConnectorCapabilities;
  /** Expected result column types of `typedRowQuery`, in select-list order. */
  readonly typedColumnTypes: readonly string[];
  /** A statement that runs for many seconds unless interrupted. */
  readonly slowQuery: string;
  /** Connection settings that reach nothing (a closed port, a missing file). */
  unreachableConnection(): Promise<SourceConfig['connection']>;
  /** Whether introspection reports NOT NULL and foreign keys (false for views over files). */
  readonly introspectsConstraints: boolean;
  /**
   * True when the protocol carries 64-bit integers as JSON numbers (the Redshift Data API's
   * `longValue`), so a bigint column beyond 2^53 arrives rounded to the nearest double.
   */
  readonly int8AsJsonNumber?: boolean;
  /**
   * True for engines with dynamic typing and no boolean, date, timestamp or exact decimal types
   * (SQLite): values are expected as the engine stores them (0/1, the inserted text, doubles).
   */
  readonly dynamicTypes?: boolean;
  /** Whether the engine stores table and column comments; defaults to `introspectsConstraints`. */
  readonly introspectsComments?: boolean;
}

/** Password put in unreachable configurations; it must never appear in an error. */
export const conformancePassword = 'conformance-secret-password';

const generous: ExecuteOptions = { maxRows: 1000, timeoutMs: 30_000 };
const typedRowQuery = `SELECT s.salesid, s.buyerid, s.qtysold, s.pricepaid, s.saledate, s.saletime, s.refunded, e.eventname
FROM sales s JOIN event e ON e.eventid = s.eventid WHERE s.salesid = 2`;

/** Registers the shared conformance tests for one connector. */
export function runConnectorConformance(options: ConformanceOptions): void {
  describe(`${options.label} connector conformance`, () => {
    const build = options.createConnector ?? createConnector;
    const sourceName = `conformance_${options.kind.replace('-', '_')}`;
    let target: ConformanceTarget | undefined;
    let connector: Connector | undefined;
    let skipReason: string | undefined;

    const sourceConfig = (connection: SourceConfig['connection']): SourceConfig => ({
      name: sourceName,
      kind: options.kind,
      description: `Conformance dataset on ${options.label}`,
      connection,
    });

    beforeAll(async () => {
      if (options.service !== undefined) {
        const availability = await probeService(options.service);
        if (!availability.available) {
          skipReason = availability.reason;
          return;
        }
      }
      target = await options.prepare();
      connector = build(sourceConfig(target.connection));
    });

    afterAll(async () => {
      await connector?.close();
      await target?.cleanup();
    });

    function ready(context: TestContext): Connector {
      if (connector === undefined) {
        context.skip(skipReason ?? 'the connector was not created');
        throw new Error('unreachable');
      }
      return connector;
    }

    it('declares its capabilities, kind and dialect', (context) => {
      const subject = ready(context);
      expect(subject.capabilities).toEqual(options.capabilities);
      expect(subject.kind).toBe(options.kind);
      expect(subject.sourceName).toBe(sourceName);
      expect(getDialect(requireSqlDialect(subject.dialect)).name).toBe(subject.dialect);
    });

    it('answers ping', async (context) => {
      await expect(ready(context).ping()).resolves.toBeUndefined();
    });

    it('reports lower-case engine types and JSON-safe values', async (context) => {
      const result = await ready(context).execute(typedRowQuery, generous);
      const sale = tableRecords('sales').find((row) => row['salesid'] === 2)!;
      expect(result.columns.map((column) => column.name)).toEqual(
        ['salesid', 'buyerid', 'qtysold', 'pricepaid', 'saledate', 'saletime', 'refunded', 'eventname'],
      );
      expect(result.columns.map((column) => column.type)).toEqual(options.typedColumnTypes);
      const buyerId = options.int8AsJsonNumber ? String(BigInt(Number(sale['buyerid']))) : sale['buyerid'];
      const saleTime = options.dynamicTypes ? sale['saletime'] : isoTimestamp(String(sale['saletime']));
      const refunded = options.dynamicTypes ? Number(sale['refunded']) : sale['refunded'];
      expect(result.rows).toEqual([[2, buyerId, 1, Number(sale['pricepaid']), sale['saledate'], saleTime, refunded, 'Opening Day']]);
      expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
      expect(result.truncated).toBe(false);
    });

    it('returns NULLs as null and counts them like the engine', async (context) => {
      const subject = ready(context);
      const venues = await subject.execute(
        'SELECT venueid, venuestate, venueseats FROM venue WHERE venuestate IS NULL OR venueseats IS NULL ORDER BY venueid',
        generous,
      );
      const expected = tableRecords('venue')
        .filter((row) => row['venuestate'] === null || row['venueseats'] === null)
        .map((row) => [row['venueid'], row['venuestate'], row['venueseats']]);
      expect(venues.rows).toEqual(expected);
      const counts = await subject.execute('SELECT COUNT(*) AS all_sales, COUNT(commission) AS with_commission FROM sales', generous);
      const sales = tableRecords('sales');
      expect(counts.rows).toEqual([[sales.length, sales.filter((row) => row['commission'] !== null).length]]);
    });

    it('renders dates as YYYY-MM-DD and timestamps as ISO-8601 UTC', async (context) => {
      const result = await ready(context).execute('SELECT saledate, saletime FROM sales WHERE salesid IN (4, 5) ORDER BY salesid', generous);
      const expected = tableRecords('sales')
        .filter((row) => row['salesid'] === 4 || row['salesid'] === 5)
        .map((row) => [row['saledate'], options.dynamicTypes ? row['saletime'] : isoTimestamp(String(row['saletime']))]);
      expect(result.rows).toEqual(expected);
    });

    it('sums decimals exactly and keeps integers beyond 2^53 as strings', async (context) => {
      const result = await ready(context).execute(
        'SELECT SUM(pricepaid) AS revenue, SUM(commission) AS commission, SUM(buyerid) AS buyer_total FROM sales',
        generous,
      );
      const buyerTotal = tableRecords('sales').reduce((sum, row) => sum + BigInt(String(row['buyerid'])), 0n);
      if (options.dynamicTypes) {
        // Decimals are stored as doubles, so their sum is only as exact as floating point.
        const [revenue, commission, buyers] = result.rows[0] ?? [];
        expect(revenue).toBeCloseTo(decimalSum('sales', 'pricepaid'), 6);
        expect(commission).toBeCloseTo(decimalSum('sales', 'commission'), 6);
        expect(buyers).toBe(buyerTotal.toString());
        return;
      }
      expect(result.rows).toEqual([[decimalSum('sales', 'pricepaid'), decimalSum('sales', 'commission'), buyerTotal.toString()]]);
    });

    it('round-trips unicode text', async (context) => {
      const subject = ready(context);
      const venues = await subject.execute("SELECT venuename, venuecity FROM venue WHERE venuecity = '東京' OR venuename = 'Zoë Arena' ORDER BY venueid", generous);
      expect(venues.rows).toEqual(
        tableRecords('venue')
          .filter((row) => row['venueid'] === 1 || row['venueid'] === 2)
          .map((row) => [row['venuename'], row['venuecity']]),
      );
      const events = await subject.execute('SELECT eventname FROM event WHERE eventid IN (2, 4) ORDER BY eventid', generous);
      expect(events.rows).toEqual([['Tōkyō Pop Night 🎤'], ['Jazz under the stars 🎷']]);
      const literal = await subject.execute("SELECT 'Zoë · 東京 · 🎉' AS greeting", generous);
      expect(literal.rows).toEqual([['Zoë · 東京 · 🎉']]);
    });

    it('reports columns of an empty result', async (context) => {
      const result = await ready(context).execute('SELECT catid, catname FROM category WHERE catid < 0', generous);
      expect(result.columns.map((column) => column.name)).toEqual(['catid', 'catname']);
      expect(result.rows).toEqual([]);
      expect(result.truncated).toBe(false);
    });

    it('honours ORDER BY and LIMIT', async (context) => {
      const result = await ready(context).execute('SELECT eventname FROM event ORDER BY starttime DESC LIMIT 2', generous);
      const expected = [...tableRecords('event')]
        .sort((left, right) => String(right['starttime']).localeCompare(String(left['starttime'])))
        .slice(0, 2)
        .map((row) => [row['eventname']]);
      expect(result.rows).toEqual(expected);
    });

    it('sets truncated only when more than maxRows rows exist', async (context) => {
      const subject = ready(context);
      const salesIds = tableRecords('sales').map((row) => [row['salesid']]);
      const cut = await subject.execute('SELECT salesid FROM sales ORDER BY salesid', { ...generous, maxRows: 4 });
      expect(cut.rows).toEqual(salesIds.slice(0, 4));
      expect(cut.truncated).toBe(true);
      const whole = await subject.execute('SELECT salesid FROM sales ORDER BY salesid;', { ...generous, maxRows: salesIds.length });
      expect(whole.rows).toEqual(salesIds);
      expect(whole.truncated).toBe(false);
    });

    it('quotes identifiers with its dialect so any alias survives', async (context) => {
      const subject = ready(context);
      const alias = 'Mixed "Case" `odd` name';
      const result = await subject.execute(`SELECT 1 AS ${getDialect(requireSqlDialect(subject.dialect)).quoteIdentifier(alias)}`, generous);
      expect(result.columns.map((column) => column.name)).toEqual([alias]);
    });

    it('runs concurrent queries over its bounded pool', async (context) => {
      const subject = ready(context);
      const results = await Promise.all(
        conformanceTables.flatMap((table) => [1, 2].map(() => subject.execute(`SELECT COUNT(*) AS n FROM ${table.name}`, generous))),
      );
      expect(results.map((result) => result.rows[0]?.[0])).toEqual(conformanceTables.flatMap((table) => [table.rows.length, table.rows.length]));
    });

    it("maps syntax and semantic errors to SWY_ERR_QUERY_FAILED with the engine's message", async (context) => {
      const subject = ready(context);
      const syntax = await expectSwitchyardError(subject.execute('SELEC salesid FROM sales', generous), 'SWY_ERR_QUERY_FAILED');
      expect(syntax.kind).toBe('user');
      expect(syntax.message).toContain('SELEC');
      expect(syntax.details?.['source']).toBe(sourceName);
      const semantic = await expectSwitchyardError(subject.execute('SELECT no_such_column FROM sales', generous), 'SWY_ERR_QUERY_FAILED');
      expect(semantic.message).toContain('no_such_column');
    });

    it('maps the statement timeout to SWY_ERR_QUERY_TIMEOUT and stays usable', async (context) => {
      const subject = ready(context);
      if (!subject.capabilities.statementTimeout) return context.skip('no statement timeout capability');
      const error = await expectSwitchyardError(subject.execute(options.slowQuery, { maxRows: 10, timeoutMs: 200 }), 'SWY_ERR_QUERY_TIMEOUT');
      expect(error.details?.['source']).toBe(sourceName);
      await expect(subject.execute('SELECT COUNT(*) FROM category', generous)).resolves.toMatchObject({ rows: [[4]] });
    });

    it('cancels a running statement through its AbortSignal', async (context) => {
      const subject = ready(context);
      if (!subject.capabilities.cancel) return context.skip('no cancel capability');
      const controller = new AbortController();
      const running = subject.execute(options.slowQuery, { maxRows: 10, timeoutMs: 60_000, signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      await expectSwitchyardError(running, 'SWY_ERR_QUERY_CANCELLED');
      await expectSwitchyardError(subject.execute('SELECT 1', { ...generous, signal: controller.signal }), 'SWY_ERR_QUERY_CANCELLED');
      await expect(subject.execute('SELECT COUNT(*) FROM category', generous)).resolves.toMatchObject({ rows: [[4]] });
    });

    it('lets the engine refuse writes sent directly through execute', async (context) => {
      const subject = ready(context);
      if (!subject.capabilities.readOnlyTransactions) return context.skip('no read-only capability');
      const writes = [
        "INSERT INTO category VALUES (99, 'Probe', 'Probe', NULL)",
        'UPDATE venue SET venueseats = 0',
        'DELETE FROM sales',
        'CREATE TABLE swy_probe (x INTEGER)',
        'DROP TABLE category',
      ];
      for (const write of writes) await expectSwitchyardError(subject.execute(write, generous), 'SWY_ERR_QUERY_FAILED');
      const counts = await subject.execute(
        'SELECT (SELECT COUNT(*) FROM category), (SELECT COUNT(*) FROM sales), (SELECT SUM(venueseats) FROM venue)',
        generous,
      );
      const seats = tableRecords('venue').reduce((sum, row) => sum + Number(row['venueseats'] ?? 0), 0);
      expect(counts.rows).toEqual([[tableRecords('category').length, tableRecords('sales').length, seats]]);
      expect((await subject.introspect()).map((table) => table.name)).not.toContain('swy_probe');
    });

    it('introspects the dataset tables and columns', async (context) => {
      const tables = await ready(context).introspect();
      expect(tables.map((table) => table.name).sort()).toEqual(conformanceTables.map((table) => table.name).sort());
      for (const expected of conformanceTables) {
        const found = tables.find((table) => table.name === expected.name)!;
        expect(found.columns.map((column) => column.name)).toEqual(expected.columns.map((column) => column.name));
        for (const column of found.columns) expect(column.type).toMatch(/^[a-z]/);
        if (options.introspectsConstraints) {
          expect(found.columns.map((column) => column.nullable)).toEqual(expected.columns.map((column) => column.nullable));
          const expectedKeys = expected.columns
            .filter((column) => column.references !== undefined)
            .map((column) => {
              const [referencedTable, referencedColumn] = column.references!.split('.');
              return { column: column.name, referencedTable, referencedColumn };
            });
          expect(found.foreignKeys ?? []).toEqual(expect.arrayContaining(expectedKeys));
          expect((found.foreignKeys ?? []).length).toBe(expectedKeys.length);
        }
      }
      const sales = tables.find((table) => table.name === 'sales')!;
      const types = Object.fromEntries(sales.columns.map((column) => [column.name, column.type]));
      expect(types['pricepaid']).toMatch(/decimal|numeric/);
      expect(types['saledate']).toMatch(/^date/);
      expect(types['saletime']).toMatch(/timestamp|datetime/);
      if (options.introspectsComments ?? options.introspectsConstraints) {
        expect(sales.comment).toBe('One row per ticket sale');
        expect(sales.columns.find((column) => column.name === 'pricepaid')?.comment).toBe('Price paid in USD');
      }
    });

    it('reports an unreachable endpoint as SWY_ERR_SOURCE_UNAVAILABLE without secrets', async (context) => {
      ready(context);
      const unreachable = build(sourceConfig(await options.unreachableConnection()));
      try {
        const failure = await expectSwitchyardError(unreachable.execute('SELECT 1', generous), 'SWY_ERR_SOURCE_UNAVAILABLE');
        expect(failure.message).toContain(sourceName);
        expect(failure.details).toEqual({ source: sourceName });
        expect(JSON.stringify(failure.toResponseBody())).not.toContain(conformancePassword);
        await expectSwitchyardError(unreachable.ping(), 'SWY_ERR_SOURCE_UNAVAILABLE');
      } finally {
        await unreachable.close();
      }
    });

    it('closes idempotently and refuses work afterwards', async (context) => {
      ready(context);
      const extra = build(sourceConfig(target!.connection));
      await extra.execute('SELECT 1', generous);
      await extra.close();
      await extra.close();
      await expectSwitchyardError(extra.execute('SELECT 1', generous), 'SWY_ERR_SOURCE_UNAVAILABLE');
    });
  });
}
