import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandWeighted, SeededSqlRandom, sqlString, sqlStringList } from '../../src/demo/seeded-sql-random.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

async function firstRow(sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  return (reader.getRowObjectsJson() as Record<string, unknown>[])[0]!;
}

describe('SeededSqlRandom', () => {
  const random = new SeededSqlRandom(7);

  it('draws uniform values in [0, 1)', async () => {
    const row = await firstRow(`SELECT min(u) AS low, max(u) AS high, avg(u) AS mean FROM (SELECT ${random.unit('test', 'i')} AS u FROM range(100000) r(i))`);
    expect(Number(row.low)).toBeGreaterThanOrEqual(0);
    expect(Number(row.high)).toBeLessThan(1);
    expect(Number(row.mean)).toBeCloseTo(0.5, 2);
  });

  it('draws integers covering both inclusive bounds', async () => {
    const row = await firstRow(`SELECT min(v) AS low, max(v) AS high, count(DISTINCT v) AS distinct_values FROM (SELECT ${random.integer('dice', ['i'], 1, 6)} AS v FROM range(10000) r(i))`);
    expect(row).toEqual({ low: '1', high: '6', distinct_values: '6' });
  });

  it('draws standard normal values', async () => {
    const row = await firstRow(`SELECT avg(z) AS mean, stddev_pop(z) AS deviation FROM (SELECT ${random.normal('bell', 'i')} AS z FROM range(200000) r(i))`);
    expect(Number(row.mean)).toBeCloseTo(0, 1);
    expect(Number(row.deviation)).toBeCloseTo(1, 1);
  });

  it('picks every list element, including ones with quotes', async () => {
    const values = ["O'Brien", 'Smith', 'Lee'];
    const row = await firstRow(`SELECT list_sort(list(DISTINCT v)) AS picked FROM (SELECT ${random.pick(values, 'name', 'i')} AS v FROM range(1000) r(i))`);
    expect(row.picked).toEqual(["Lee", "O'Brien", 'Smith']);
  });

  it('is a pure function of seed, salt and keys', async () => {
    const expression = (seed: number, salt: string) => `sum(${new SeededSqlRandom(seed).unit(salt, 'i')})`;
    const row = await firstRow(`SELECT ${expression(7, 'a')} AS first, ${expression(7, 'a')} AS again, ${expression(8, 'a')} AS other_seed, ${expression(7, 'b')} AS other_salt FROM range(1000) r(i)`);
    expect(row.again).toBe(row.first);
    expect(row.other_seed).not.toBe(row.first);
    expect(row.other_salt).not.toBe(row.first);
  });

  it('rejects seeds that are not safe integers and empty pick lists', () => {
    expect(() => new SeededSqlRandom(1.5)).toThrow(RangeError);
    expect(() => random.pick([], 'empty', 'i')).toThrow(RangeError);
  });
});

describe('SQL literal helpers', () => {
  it('escapes quotes and expands weights', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlStringList(['a', "b'c"])).toBe("['a', 'b''c']");
    expect(expandWeighted([['x', 2], ['y', 1]])).toEqual(['x', 'x', 'y']);
  });
});
