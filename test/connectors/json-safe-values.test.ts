import { describe, expect, it } from 'vitest';
import {
  isoTimestampFromEpochMicros,
  isoTimestampFromText,
  jsonSafeValue,
  withUniformNumericColumns,
  safeDecimal,
  safeFloat,
  safeInteger,
} from '../../src/connectors/common/json-safe-values.js';

describe('JSON-safe value conversion', () => {
  it('keeps safe integers as numbers and larger ones as exact strings', () => {
    expect(safeInteger(42n)).toBe(42);
    expect(safeInteger('-9007199254740991')).toBe(-9007199254740991);
    expect(safeInteger('9007199254740993')).toBe('9007199254740993');
  });

  it('turns decimals into numbers only up to 15 significant digits', () => {
    expect(safeDecimal('72.50')).toBe(72.5);
    expect(safeDecimal('0.000123')).toBe(0.000123);
    expect(safeDecimal('-0.00')).toBe(0);
    expect(safeDecimal('123456789012345')).toBe(123456789012345);
    expect(safeDecimal('1234567890123456')).toBe('1234567890123456');
    expect(safeDecimal('12345678901234.56')).toBe('12345678901234.56');
    expect(safeDecimal('NaN')).toBe('NaN');
  });

  it('spells non-finite floats as strings', () => {
    expect(safeFloat(1.5)).toBe(1.5);
    expect(safeFloat(Number.NaN)).toBe('NaN');
    expect(safeFloat(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('renders timestamp text as ISO-8601 UTC, converting offsets and keeping microseconds', () => {
    expect(isoTimestampFromText('2008-01-05 12:34:56')).toBe('2008-01-05T12:34:56.000Z');
    expect(isoTimestampFromText('2008-01-05 12:34:56.25')).toBe('2008-01-05T12:34:56.250Z');
    expect(isoTimestampFromText('2008-01-05 12:34:56.123456')).toBe('2008-01-05T12:34:56.123456Z');
    expect(isoTimestampFromText('2008-01-05 12:34:56+00')).toBe('2008-01-05T12:34:56.000Z');
    expect(isoTimestampFromText('2008-01-05 01:30:00.5+05:30')).toBe('2008-01-04T20:00:00.500Z');
    expect(isoTimestampFromText('infinity')).toBe('infinity');
  });

  it('renders epoch microseconds as ISO-8601 UTC', () => {
    expect(isoTimestampFromEpochMicros(1199536496789000n)).toBe('2008-01-05T12:34:56.789Z');
    expect(isoTimestampFromEpochMicros(1199536496789001n)).toBe('2008-01-05T12:34:56.789001Z');
    expect(isoTimestampFromEpochMicros(-1n)).toBe('1969-12-31T23:59:59.999999Z');
  });

  it('makes driver-parsed nested values JSON-safe', () => {
    const converted = jsonSafeValue({ when: new Date(Date.UTC(2008, 0, 5)), ids: [1n, 2n ** 60n], ratio: Number.NaN, bytes: Buffer.from('hi') });
    expect(converted).toEqual({ when: '2008-01-05T00:00:00.000Z', ids: [1, '1152921504606846976'], ratio: 'NaN', bytes: 'aGk=' });
    expect(JSON.parse(JSON.stringify(converted))).toEqual(converted);
  });

  it('gives each numeric column one JSON type: all strings once one value is too big for a number', () => {
    const result = {
      columns: [{ type: 'bigint' }, { type: 'decimal(38,2)' }, { type: 'varchar' }, { type: 'integer' }],
      rows: [
        [1, 10.5, '7', 3],
        ['9007199254740993', '12345678901234567.25', 'seven', null],
      ],
    };
    expect(withUniformNumericColumns(result).rows).toEqual([
      ['1', '10.5', '7', 3],
      ['9007199254740993', '12345678901234567.25', 'seven', null],
    ]);
    const plain = { columns: [{ type: 'bigint' }], rows: [[1], [2]] };
    expect(withUniformNumericColumns(plain)).toBe(plain);
  });
});
