import { SwitchyardError } from '../../src/errors/switchyard-error.js';

/** Awaits a promise that must reject with a SwitchyardError and returns that error. */
export async function caught(promise: Promise<unknown>): Promise<SwitchyardError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!SwitchyardError.isInstance(error)) throw new Error(`expected a SwitchyardError, got ${String(error)}`);
  return error;
}
