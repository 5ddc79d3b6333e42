import { expect } from 'vitest';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { tableRecords } from './conformance-dataset.js';

function centsOf(text: string): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

/** Exact sum of a decimal column of the dataset, computed in cents. */
export function decimalSum(table: string, column: string): number {
  const cents = tableRecords(table).reduce((sum, row) => sum + (row[column] === null ? 0n : centsOf(String(row[column]))), 0n);
  return Number(cents) / 100;
}

/** The ISO-8601 UTC rendering a connector must give a dataset timestamp. */
export function isoTimestamp(text: string): string {
  return `${text.replace(' ', 'T')}${text.includes('.') ? '' : '.000'}Z`;
}

/** Awaits a rejection and checks it is a SwitchyardError with this code. */
export async function expectSwitchyardError(promise: Promise<unknown>, code: SwitchyardError['code']): Promise<SwitchyardError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(SwitchyardError.isInstance(error), `expected ${code}, got ${String(error)}`).toBe(true);
  const switchyardError = error as SwitchyardError;
  expect(switchyardError.code, switchyardError.message).toBe(code);
  return switchyardError;
}
