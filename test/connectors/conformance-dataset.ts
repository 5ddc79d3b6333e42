/**
 * A small TICKIT-shaped slice (categories, venues, events, sales) used by every connector's
 * conformance run. It deliberately holds NULLs, decimals (including one needing all 8 digits),
 * dates, timestamps with and without milliseconds, a bigint beyond 2^53, and non-ASCII text.
 */

/** Portable column types; each engine's seeding renders them in its own DDL. */
export type ConformanceColumnType =
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'decimal(8,2)'
  | 'date'
  | 'timestamp'
  | 'boolean'
  | `varchar(${number})`
  | 'char(2)';

/** One column of a dataset table. */
export interface ConformanceColumn {
  /** Column name (lower case, unreserved in every engine). */
  readonly name: string;
  /** Portable type. */
  readonly type: ConformanceColumnType;
  /** Whether NULL is allowed. */
  readonly nullable: boolean;
  /** Referenced `table.column` for a foreign key. */
  readonly references?: string;
}

/**
 * Row values: numbers, strings (decimals, dates `YYYY-MM-DD` and timestamps
 * `YYYY-MM-DD HH:MM:SS[.fff]` as text; bigints as text), booleans or null.
 */
export type ConformanceValue = number | string | boolean | null;

/** One dataset table. */
export interface ConformanceTable {
  /** Table name. */
  readonly name: string;
  /** Columns in ordinal order; the first is the primary key. */
  readonly columns: readonly ConformanceColumn[];
  /** Rows aligned with `columns`. */
  readonly rows: readonly (readonly ConformanceValue[])[];
}

const category: ConformanceTable = {
  name: 'category',
  columns: [
    { name: 'catid', type: 'smallint', nullable: false },
    { name: 'catgroup', type: 'varchar(10)', nullable: false },
    { name: 'catname', type: 'varchar(10)', nullable: false },
    { name: 'catdesc', type: 'varchar(50)', nullable: true },
  ],
  rows: [
    [1, 'Sports', 'MLB', 'Major League Baseball'],
    [2, 'Shows', 'Musicals', 'Musical theatre'],
    [3, 'Concerts', 'Pop', null],
    [4, 'Concerts', 'Jazz', 'All jazz singers and bands'],
  ],
};

const venue: ConformanceTable = {
  name: 'venue',
  columns: [
    { name: 'venueid', type: 'integer', nullable: false },
    { name: 'venuename', type: 'varchar(100)', nullable: false },
    { name: 'venuecity', type: 'varchar(30)', nullable: false },
    { name: 'venuestate', type: 'char(2)', nullable: true },
    { name: 'venueseats', type: 'integer', nullable: true },
  ],
  rows: [
    [1, 'Zoë Arena', 'Berlin', null, 12000],
    [2, 'Nippon Budokan', '東京', null, 14471],
    [3, 'Madison Square Garden', 'New York City', 'NY', 20000],
    [4, 'Hollywood Bowl', 'Los Angeles', 'CA', null],
  ],
};

const event: ConformanceTable = {
  name: 'event',
  columns: [
    { name: 'eventid', type: 'integer', nullable: false },
    { name: 'venueid', type: 'integer', nullable: false, references: 'venue.venueid' },
    { name: 'catid', type: 'smallint', nullable: false, references: 'category.catid' },
    { name: 'eventname', type: 'varchar(200)', nullable: false },
    { name: 'starttime', type: 'timestamp', nullable: false },
  ],
  rows: [
    [1, 3, 1, 'Opening Day', '2008-04-01 19:05:00'],
    [2, 2, 3, 'Tōkyō Pop Night 🎤', '2008-06-14 18:30:00'],
    [3, 1, 2, 'Zoë the Musical', '2008-02-29 20:00:00'],
    [4, 4, 4, 'Jazz under the stars 🎷', '2008-08-08 21:15:30.250'],
    [5, 3, 3, 'Cancelled concert', '2008-12-31 23:59:59'],
  ],
};

const sales: ConformanceTable = {
  name: 'sales',
  columns: [
    { name: 'salesid', type: 'integer', nullable: false },
    { name: 'eventid', type: 'integer', nullable: false, references: 'event.eventid' },
    { name: 'buyerid', type: 'bigint', nullable: false },
    { name: 'qtysold', type: 'smallint', nullable: false },
    { name: 'pricepaid', type: 'decimal(8,2)', nullable: false },
    { name: 'commission', type: 'decimal(8,2)', nullable: true },
    { name: 'saledate', type: 'date', nullable: false },
    { name: 'saletime', type: 'timestamp', nullable: false },
    { name: 'refunded', type: 'boolean', nullable: false },
  ],
  rows: [
    [1, 1, '11498', 4, '728.00', '109.20', '2008-02-18', '2008-02-18 02:36:48', false],
    [2, 1, '9007199254740993', 1, '76.00', '11.40', '2008-03-01', '2008-03-01 10:15:30.250', false],
    [3, 2, '20001', 2, '350.50', '52.58', '2008-05-20', '2008-05-20 23:00:00', true],
    [4, 3, '11498', 1, '0.10', null, '2008-02-01', '2008-02-01 00:00:00', false],
    [5, 4, '30077', 3, '1234.56', '185.18', '2008-07-04', '2008-07-04 12:00:00.125', false],
    [6, 2, '20002', 6, '999999.99', '150000.00', '2008-06-01', '2008-06-01 08:08:08', false],
  ],
};

/** The dataset, parents before children (the order to create and load them). */
export const conformanceTables: readonly ConformanceTable[] = [category, venue, event, sales];

/** Rows of one table as objects keyed by column name, for computing expectations. */
export function tableRecords(name: string): Record<string, ConformanceValue>[] {
  const table = conformanceTables.find((candidate) => candidate.name === name);
  if (table === undefined) throw new Error(`No conformance table ${name}`);
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, index) => [column.name, row[index] ?? null])));
}
