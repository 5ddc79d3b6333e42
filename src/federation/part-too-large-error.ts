import { SwitchyardError } from '../errors/switchyard-error.js';
import type { FederatedPart } from './federated-plan.js';

/** What a part went past. */
export type PartOverflow =
  /** More rows than the row cap (the count past it is not known: nothing more was read). */
  | { readonly kind: 'rows'; readonly cap: number }
  /** More bytes than the byte cap. */
  | { readonly kind: 'bytes'; readonly bytes: number; readonly cap: number };

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * SWY_ERR_FEDERATION_PART_TOO_LARGE for a part past its cap: the answer fails whole rather than being
 * computed from a cut-off table. The message names the part and says what to do about it; the model
 * may repair the query with a filter on that table, which is pushed into its extraction.
 */
export function partTooLargeError(part: FederatedPart, overflow: PartOverflow): SwitchyardError {
  const what =
    overflow.kind === 'rows'
      ? `more than ${overflow.cap.toLocaleString('en-US')} rows, the cap of one part (SWITCHYARD_FEDERATION_PART_MAX_ROWS)`
      : `${megabytes(overflow.bytes)}, more than the ${megabytes(overflow.cap)} one part may move (SWITCHYARD_FEDERATION_PART_MAX_BYTES)`;
  return new SwitchyardError(
    'SWY_ERR_FEDERATION_PART_TOO_LARGE',
    `Part #${part.index} of the federated answer (${part.combineTable} on source "${part.source}") would move ${what}; nothing was truncated and no answer was computed. ` +
      `Add a filter on ${part.combineTable} alone (a WHERE condition on its own columns, such as a period or a category) so fewer of its rows are needed, or put a Trino source in front of these sources.`,
    {
      details: {
        part: part.index,
        source: part.source,
        table: part.table,
        ...(overflow.kind === 'rows' ? { rowCap: overflow.cap } : { bytes: overflow.bytes, byteCap: overflow.cap }),
      },
    },
  );
}
