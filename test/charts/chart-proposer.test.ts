import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { proposeChart } from '../../src/charts/chart-proposer.js';

function compiles(spec: Record<string, unknown>): void {
  // The Vega-Lite compiler itself checks the spec; a bad encoding throws or yields no marks.
  const compiled = compile(spec as unknown as TopLevelSpec);
  expect(compiled.spec.marks?.length ?? 0).toBeGreaterThan(0);
}

describe('proposeChart', () => {
  it('proposes a line for a time series', () => {
    const chart = proposeChart(
      [{ name: 'sale_month', type: 'TIMESTAMP' }, { name: 'tickets', type: 'HUGEINT' }],
      [['2008-01-01 00:00:00', 100], ['2008-02-01 00:00:00', 120], ['2008-03-01 00:00:00', 90]],
    );
    expect(chart?.kind).toBe('line');
    expect(chart?.spec).toMatchObject({ encoding: { x: { field: 'sale_month', type: 'temporal' }, y: { field: 'tickets', type: 'quantitative' } } });
    compiles(chart!.spec);
  });

  it('treats an integer year column as the time axis', () => {
    const chart = proposeChart([{ name: 'year', type: 'INTEGER' }, { name: 'revenue', type: 'DOUBLE' }], [[2008, 1.5], [2009, 2.5]]);
    expect(chart?.kind).toBe('line');
    expect(chart?.spec).toMatchObject({ encoding: { x: { field: 'year', type: 'ordinal' } } });
    compiles(chart!.spec);
  });

  it('proposes a bar for a category and a measure', () => {
    const chart = proposeChart(
      [{ name: 'catname', type: 'VARCHAR' }, { name: 'total', type: 'DECIMAL(18,2)' }],
      [['MLB', 10], ['NHL', 30], ['Opera', 5], ['Jazz', 7], ['Pop', 9], ['Plays', 11], ['NFL', 2], ['NBA', 3], ['MLS', 4]],
    );
    expect(chart?.kind).toBe('bar');
    compiles(chart!.spec);
  });

  it('proposes a pie for parts of a whole', () => {
    const named = proposeChart([{ name: 'status', type: 'VARCHAR' }, { name: 'share_pct', type: 'DOUBLE' }], [['open', 20], ['closed', 70], ['denied', 10]]);
    expect(named?.kind).toBe('pie');
    compiles(named!.spec);
    const summing = proposeChart([{ name: 'status', type: 'VARCHAR' }, { name: 'fraction', type: 'DOUBLE' }], [['a', 0.25], ['b', 0.75]]);
    expect(summing?.kind).toBe('pie');
  });

  it('proposes nothing for a single value, text only, or too many categories', () => {
    expect(proposeChart([{ name: 'n', type: 'BIGINT' }], [[42]])).toBeNull();
    expect(proposeChart([{ name: 'a', type: 'VARCHAR' }, { name: 'b', type: 'VARCHAR' }], [['x', 'y'], ['z', 'w']])).toBeNull();
    const many = Array.from({ length: 80 }, (_, index) => [`name ${index}`, index]);
    expect(proposeChart([{ name: 'name', type: 'VARCHAR' }, { name: 'n', type: 'BIGINT' }], many)).toBeNull();
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
