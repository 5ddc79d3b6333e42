/**
 * One member of a thrown value whose shape is unknown: drivers throw plain objects as well as
 * Errors, and classify failures by members (`code`, `errno`, `name`) that no type declares.
 */
export function driverErrorField(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null && name in error ? (error as Record<string, unknown>)[name] : undefined;
}
