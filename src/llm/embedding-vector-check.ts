/** True when `value` is `count` arrays of numbers: one vector per embedded text. */
export function isVectorList(value: unknown, count: number): value is number[][] {
  return Array.isArray(value) && value.length === count && value.every((vector) => Array.isArray(vector) && vector.every((item) => typeof item === 'number'));
}
