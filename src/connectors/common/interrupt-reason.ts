/** Why a running statement was interrupted by us rather than failing on its own. */
export type InterruptReason = 'timeout' | 'cancelled';
