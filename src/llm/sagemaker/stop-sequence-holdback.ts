/**
 * TGI streams the matched stop sequence as ordinary tokens. Text that could still turn out to be the
 * start of a stop sequence is held back until it cannot, and a trailing stop sequence is dropped.
 */
export class StopSequenceHoldback {
  readonly #stopSequences: string[];
  #held = '';

  constructor(stopSequences: readonly string[]) {
    this.#stopSequences = stopSequences.filter((stop) => stop.length > 0);
  }

  /** Adds streamed text and returns the part that is safe to pass on. */
  push(text: string): string {
    this.#held += text;
    const keep = this.#longestStopPrefixSuffix();
    const released = this.#held.slice(0, this.#held.length - keep);
    this.#held = this.#held.slice(this.#held.length - keep);
    return released;
  }

  /** Ends the stream: returns the held text without a trailing stop sequence. */
  finish(): string {
    const held = this.#held;
    this.#held = '';
    return stripTrailingStopSequence(held, this.#stopSequences);
  }

  /** Length of the longest suffix of the held text that is a prefix of (or equal to) a stop sequence. */
  #longestStopPrefixSuffix(): number {
    let longest = 0;
    for (const stop of this.#stopSequences) {
      for (let length = Math.min(stop.length, this.#held.length); length > longest; length -= 1) {
        if (stop.startsWith(this.#held.slice(this.#held.length - length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}

/** TGI includes the matched stop sequence in a whole reply's `generated_text`; callers expect it removed. */
export function stripTrailingStopSequence(text: string, stopSequences: readonly string[]): string {
  for (const stop of stopSequences) {
    if (stop.length > 0 && text.endsWith(stop)) return text.slice(0, -stop.length);
  }
  return text;
}
