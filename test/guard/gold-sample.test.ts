import { loadModule } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { sharedPath } from '../helpers/services.js';
import { loadGoldQueries, type GoldQuery } from './gold-query-loader.js';

const benchRoot = sharedPath('bench');
const sampleSize = 200;

/** Every k-th gold query across all sets: deterministic, and spread over every benchmark and dialect. */
function sample(queries: readonly GoldQuery[]): GoldQuery[] {
  const step = Math.floor(queries.length / sampleSize);
  return Array.from({ length: sampleSize }, (_unused, index) => queries[index * step] as GoldQuery);
}

describe.skipIf(benchRoot === undefined)('gold benchmark sample: every gold query is accepted', () => {
  let guard: SqlGuard;
  let queries: GoldQuery[] = [];
  beforeAll(async () => {
    await loadModule();
    guard = await SqlGuard.create();
    queries = sample(loadGoldQueries(benchRoot as string));
  });

  it(`accepts a deterministic sample of ${sampleSize} gold queries with their database's tables`, () => {
    expect(queries).toHaveLength(sampleSize);
    expect(new Set(queries.map((query) => query.set)).size).toBeGreaterThanOrEqual(5);
    const rejected = queries.flatMap((query) => {
      const verdict = guard.check({ sql: query.sql, dialect: query.dialect, allowedTables: query.allowedTables, rowLimit: 1000 });
      return verdict.allowed ? [] : [`${query.set} ${query.id}: ${verdict.rule}: ${verdict.reason}`];
    });
    expect(rejected).toEqual([]);
  });
});
