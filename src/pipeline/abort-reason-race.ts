import { SwitchyardError } from '../errors/switchyard-error.js';

/**
 * `work`'s outcome, unless `signal` is aborted with a SwitchyardError as its reason first (shutdown's
 * end of grace): then that error at once. A model or driver that ignores the signal cannot hold the
 * request, and so the server's close, open; the abandoned work settles on its own and its outcome is
 * dropped. A plain abort (the client left) is left to the work, which reports it as a cancellation.
 */
export function raceAbortReason<Value>(work: Promise<Value>, signal: AbortSignal | undefined): Promise<Value> {
  if (signal === undefined) return work;
  return new Promise<Value>((resolve, reject) => {
    const onAbort = (): void => {
      if (SwitchyardError.isInstance(signal.reason)) reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    // Also the abandoned work's handler once the race is lost, so its rejection is never an unhandled one.
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
