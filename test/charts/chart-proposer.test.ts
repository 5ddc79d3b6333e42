import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { proposeChart, type ChartProposal } from '../../src/charts/chart-proposer.js';

function compiles(spec: Record<string, unknown>): void {
  // The Vega-Lite compiler itself checks the spec; a bad encoding throws or yields no marks.
  const compiled = compile(spec as unknown as TopLevelSpec);
  expect(compiled.spec.marks?.length ?? 0).toBeGreaterThan(0);
}

function encoding(chart: ChartProposal | null): Record<string, Record<string, unknown>> {
  return chart?.spec.encoding as Record<string, Record<string, unknown>>;
}

function values(chart: ChartProposal | null): Record<string, unknown>[] {
  return (chart?.spec.data as { values: Record<string, unknown>[] }).values;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthlyTickets = [39070, 31462, 30801, 26386, 25967, 24277, 24508, 24436, 23169, 22109, 18066, 9780];

describe('proposeChart', () => {
  it('proposes a line for a time series', () => {
    const chart = proposeChart(
      [{ name: 'sale_month', type: 'timestamp' }, { name: 'tickets_sold', type: 'hugeint' }],
      [['2008-01-01T00:00:00.000Z', 39070], ['2008-02-01T00:00:00.000Z', 31462], ['2008-03-01T00:00:00.000Z', 30801]],
    );
    expect(chart?.kind).toBe('line');
    expect(encoding(chart)).toMatchObject({ x: { field: 'sale_month', type: 'temporal', scale: { type: 'utc' } }, y: { field: 'tickets_sold', type: 'quantitative' } });
    expect(encoding(chart).color).toBeUndefined();
    compiles(chart!.spec);
  });

  it('draws tickets sold each month as ONE line over the months, not one series per month name', () => {
    // The shape a model writes for "tickets sold each month": month number, month name, sum (DuckDB types).
    const rows = months.map((name, index) => [index + 1, name, monthlyTickets[index]]);
    const chart = proposeChart(
      [{ name: 'month_number', type: 'bigint' }, { name: 'month_name', type: 'varchar' }, { name: 'tickets_sold', type: 'hugeint' }],
      rows,
    );
    expect(chart?.kind).toBe('line');
    expect(encoding(chart).color).toBeUndefined();
    // The axis reads the month names, in the order of the month numbers.
    expect(encoding(chart).x).toMatchObject({ field: 'month_name', type: 'ordinal', sort: months });
    compiles(chart!.spec);
  });

  it('orders month names by the calendar, not by size or the alphabet (the TICKIT date.month column)', () => {
    const abbreviations = ['AUG', 'JAN', 'FEB', 'DEC', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'SEP', 'OCT', 'NOV'];
    const chart = proposeChart(
      [{ name: 'month', type: 'varchar' }, { name: 'tickets_sold', type: 'hugeint' }],
      abbreviations.map((month, index) => [month, 1000 + index]),
    );
    expect(chart?.kind).toBe('line');
    expect(encoding(chart).x).toMatchObject({ field: 'month', type: 'ordinal', sort: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] });
    expect(encoding(chart).color).toBeUndefined();
    compiles(chart!.spec);
  });

  it('treats an integer year column as the time axis', () => {
    const chart = proposeChart([{ name: 'year', type: 'INTEGER' }, { name: 'revenue', type: 'DOUBLE' }], [[2009, 2.5], [2008, 1.5]]);
    expect(chart?.kind).toBe('line');
    expect(encoding(chart).x).toMatchObject({ field: 'year', type: 'ordinal', sort: [2008, 2009] });
    compiles(chart!.spec);
  });

  it('reads a quarter held as text ("1".."4") as time, and keeps the category out of the colours when each quarter has one row', () => {
    const chart = proposeChart(
      [{ name: 'qtr', type: 'varchar' }, { name: 'catname', type: 'varchar' }, { name: 'revenue', type: 'decimal(38,2)' }],
      [['1', 'Pop', 17776944], ['2', 'Pop', 14215448], ['3', 'Pop', 13068454], ['4', 'Plays', 9100000]],
    );
    expect(chart?.kind).toBe('line');
    expect(encoding(chart).x).toMatchObject({ field: 'qtr', sort: ['1', '2', '3', '4'] });
    expect(encoding(chart).color).toBeUndefined();
  });

  it('draws one line per category only when a real second dimension exists, in colours that do not repeat', () => {
    const categories = ['Classical', 'Jazz', 'MLB', 'MLS', 'Musicals', 'NBA', 'NFL', 'NHL', 'Opera', 'Plays', 'Pop'];
    const rows = ['2008-01-01T00:00:00.000Z', '2008-02-01T00:00:00.000Z'].flatMap((month) => categories.map((category, index) => [category, month, 1000 + index]));
    const chart = proposeChart([{ name: 'catname', type: 'varchar' }, { name: 'sale_month', type: 'timestamp' }, { name: 'tickets', type: 'hugeint' }], rows);
    expect(chart?.kind).toBe('line');
    // Eleven series: a ten-colour palette would repeat its first colour.
    expect(encoding(chart).color).toMatchObject({ field: 'catname', scale: { scheme: 'tableau20' }, legend: { orient: 'bottom' } });
    compiles(chart!.spec);
    const few = proposeChart([{ name: 'name', type: 'varchar' }, { name: 'date', type: 'date' }, { name: 'close', type: 'double' }], [
      ['AAPL', '2016-01-04', 105.35], ['MSFT', '2016-01-04', 54.8], ['AAPL', '2016-01-05', 102.71], ['MSFT', '2016-01-05', 55.05],
    ]);
    expect(encoding(few).color).toMatchObject({ field: 'name', scale: { scheme: 'tableau10' } });
  });

  it('refines a year with a month into one axis, coarsest first', () => {
    const rows = [[2009, 'JAN', 5], [2008, 'FEB', 3], [2008, 'JAN', 4], [2009, 'FEB', 6]];
    const chart = proposeChart([{ name: 'year', type: 'smallint' }, { name: 'month', type: 'varchar' }, { name: 'tickets', type: 'bigint' }], rows);
    expect(chart?.kind).toBe('line');
    expect(encoding(chart).x).toMatchObject({ field: 'year month', sort: ['2008 JAN', '2008 FEB', '2009 JAN', '2009 FEB'] });
    expect(encoding(chart).color).toBeUndefined();
    compiles(chart!.spec);
  });

  it('draws counts that share a scale as lines of their own (claims and fraudulent claims per year)', () => {
    const chart = proposeChart(
      [{ name: 'year', type: 'bigint' }, { name: 'claims', type: 'bigint' }, { name: 'fraudulent', type: 'hugeint' }],
      [[2019, 4812, 159], [2020, 4536, 133], [2021, 4958, 174]],
    );
    expect(chart?.spec.transform).toEqual([{ fold: ['claims', 'fraudulent'], as: ['measure', 'value'] }]);
    expect(encoding(chart).color).toMatchObject({ field: 'measure' });
    compiles(chart!.spec);
  });

  it('labels bars by full name: first and last name together, not the first name alone', () => {
    const chart = proposeChart(
      [{ name: 'firstname', type: 'varchar' }, { name: 'lastname', type: 'varchar' }, { name: 'tickets_sold', type: 'hugeint' }],
      [['Walter', 'Chavez', 2158], ['Brenda', 'Clark', 921], ['Zachary', 'Chavez', 615], ['Walter', 'Moss', 600]],
    );
    expect(chart?.kind).toBe('bar');
    const label = encoding(chart).y ?? encoding(chart).x;
    expect(label).toMatchObject({ field: 'firstname lastname', type: 'nominal' });
    expect(values(chart).map((value) => value['firstname lastname'])).toEqual(['Walter Chavez', 'Brenda Clark', 'Zachary Chavez', 'Walter Moss']);
    compiles(chart!.spec);
  });

  it('labels the best and worst stock by its ticker, with "best"/"worst" beside it', () => {
    const chart = proposeChart(
      [{ name: 'performance', type: 'varchar' }, { name: 'name', type: 'varchar' }, { name: 'percent_change', type: 'double' }],
      [['best', 'MKC', 43.1], ['worst', 'EXPE', -27.44]],
    );
    expect(chart?.kind).toBe('bar');
    expect(values(chart).map((value) => value['name (performance)'])).toEqual(['MKC (best)', 'EXPE (worst)']);
    compiles(chart!.spec);
  });

  it('leaves an id out of a label unless two rows share a name', () => {
    const columns = [{ name: 'emp_no', type: 'integer' }, { name: 'first_name', type: 'varchar' }, { name: 'last_name', type: 'varchar' }, { name: 'salary', type: 'integer' }];
    const chart = proposeChart(columns, [[37801, 'Carolyn', 'Adams', 165888], [33080, 'Julie', 'Hall', 162271]]);
    expect(values(chart).map((value) => value['first_name last_name'])).toEqual(['Carolyn Adams', 'Julie Hall']);
    // The salary is the measure, not the employee number.
    expect(encoding(chart).x ?? encoding(chart).y).toMatchObject({ field: 'salary' });
    const twins = proposeChart(columns, [[1, 'Ann', 'Lee', 10], [2, 'Ann', 'Lee', 20]]);
    expect(values(twins).map((value) => value['first_name last_name (emp_no)'])).toEqual(['Ann Lee (1)', 'Ann Lee (2)']);
  });

  it('labels products from the REST source by their own name and charts the measure the rows are ordered by', () => {
    const columns = ['id', 'sku', 'name', 'category', 'price', 'stock', 'rating', 'supplier.name', 'supplier.country'].map((name) => ({
      name,
      type: ['id', 'stock'].includes(name) ? 'integer' : ['price', 'rating'].includes(name) ? 'double' : 'varchar',
    }));
    const chart = proposeChart(columns, [
      [17, 'OUT-017', 'Deluxe Trekking Poles', 'outdoor', 19.55, 80, 4.6, 'Acme', 'US'],
      [4, 'OUT-004', 'Classic Backpack', 'outdoor', 23.52, 12, 3.9, 'Borealis', 'CA'],
      [9, 'OUT-009', 'Compact Hammock', 'outdoor', 68.58, 40, 4.2, 'Acme', 'US'],
    ]);
    expect(encoding(chart).y).toMatchObject({ field: 'name', sort: '-x' });
    expect(encoding(chart).x).toMatchObject({ field: 'price' });
  });

  it('proposes upright bars for short category names and bars on their side for long ones', () => {
    const chart = proposeChart(
      [{ name: 'catname', type: 'VARCHAR' }, { name: 'total', type: 'DECIMAL(18,2)' }],
      [['MLB', 10], ['NHL', 30], ['Opera', 5], ['Jazz', 7], ['Pop', 9], ['Plays', 11], ['NFL', 2], ['NBA', 3], ['MLS', 4]],
    );
    expect(chart?.kind).toBe('bar');
    expect(encoding(chart).x).toMatchObject({ field: 'catname', sort: '-y' });
    compiles(chart!.spec);
    const long = proposeChart([{ name: 'dept_name', type: 'varchar' }, { name: 'average_salary', type: 'double' }], [['Customer Service', 67285.23], ['Development', 67657.92]]);
    expect(encoding(long).y).toMatchObject({ field: 'dept_name', sort: '-x' });
  });

  it('proposes a pie for parts of a whole, coloured without repeats', () => {
    const named = proposeChart([{ name: 'status', type: 'VARCHAR' }, { name: 'share_pct', type: 'DOUBLE' }], [['open', 20], ['closed', 70], ['denied', 10]]);
    expect(named?.kind).toBe('pie');
    expect(encoding(named).color).toMatchObject({ scale: { scheme: 'tableau10' } });
    compiles(named!.spec);
    const summing = proposeChart([{ name: 'status', type: 'VARCHAR' }, { name: 'fraction', type: 'DOUBLE' }], [['a', 0.25], ['b', 0.75]]);
    expect(summing?.kind).toBe('pie');
  });

  it('proposes nothing for a single value, text only, too many categories or rows nothing tells apart', () => {
    expect(proposeChart([{ name: 'n', type: 'BIGINT' }], [[42]])).toBeNull();
    expect(proposeChart([{ name: 'a', type: 'VARCHAR' }, { name: 'b', type: 'VARCHAR' }], [['x', 'y'], ['z', 'w']])).toBeNull();
    const many = Array.from({ length: 80 }, (_, index) => [`name ${index}`, index]);
    expect(proposeChart([{ name: 'name', type: 'VARCHAR' }, { name: 'n', type: 'BIGINT' }], many)).toBeNull();
    expect(proposeChart([{ name: 'city', type: 'VARCHAR' }, { name: 'n', type: 'BIGINT' }], [['Reno', 1], ['Reno', 2]])).toBeNull();
  });

  it('does not take a paid amount for an id', () => {
    const chart = proposeChart([{ name: 'catname', type: 'varchar' }, { name: 'pricepaid', type: 'decimal(38,2)' }], [['Pop', 17776944], ['Jazz', 1200]]);
    expect(encoding(chart).y).toMatchObject({ field: 'pricepaid', type: 'quantitative' });
  });

  it('escapes dots and brackets in column names so Vega-Lite reads them literally', () => {
    const chart = proposeChart([{ name: 'c.name', type: 'VARCHAR' }, { name: 'sum[x]', type: 'BIGINT' }], [['a', 1], ['b', 5], ['c', 9]]);
    expect(chart?.spec).toMatchObject({ encoding: { x: { field: 'c\\.name' }, y: { field: 'sum\\[x\\]' } } });
    compiles(chart!.spec);
  });

  it('inlines data and never references code or URLs', () => {
    const chart = proposeChart([{ name: 'k', type: 'VARCHAR' }, { name: 'v', type: 'BIGINT' }], [['=cmd()', 1], ['<script>', 2]]);
    const text = JSON.stringify(chart?.spec);
    expect(text).not.toMatch(/"url"|"expr"|"signal"/);
    expect(chart?.spec.data).toEqual({ values: [{ k: '=cmd()', v: 1 }, { k: '<script>', v: 2 }] });
  });
});
