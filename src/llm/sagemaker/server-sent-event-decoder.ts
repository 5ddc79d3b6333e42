/**
 * Decodes a text/event-stream body pushed to it in pieces and returns the `data` of each complete event
 * (multi-line data joined with newlines). Pieces split lines anywhere, even inside a multi-byte
 * character, so bytes are decoded in streaming mode and buffered until a line ends. Comments and
 * other fields are skipped. Push-based because SageMaker hands the bytes over one PayloadPart frame at
 * a time, through a content handler that is called once per frame.
 */
export class ServerSentEventDecoder {
  readonly #decoder = new TextDecoder();
  #pending = '';
  #data: string[] = [];

  /** Adds the next bytes; returns the events they complete, in order. */
  push(bytes: Uint8Array): string[] {
    this.#pending += this.#decoder.decode(bytes, { stream: true });
    const events: string[] = [];
    let newline = this.#pending.indexOf('\n');
    while (newline >= 0) {
      const event = this.#takeLine(this.#pending.slice(0, newline));
      this.#pending = this.#pending.slice(newline + 1);
      if (event !== undefined) events.push(event);
      newline = this.#pending.indexOf('\n');
    }
    return events;
  }

  /** Ends the body: a server that closes without the final blank line still delivered its last event. */
  end(): string[] {
    this.#pending += this.#decoder.decode();
    const rest = this.#pending;
    this.#pending = '';
    if (rest.length > 0) this.#takeLine(rest);
    const last = this.#takeLine('');
    return last === undefined ? [] : [last];
  }

  #takeLine(rawLine: string): string | undefined {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length === 0) {
      // A blank line ends the event.
      const event = this.#data.length > 0 ? this.#data.join('\n') : undefined;
      this.#data = [];
      return event;
    }
    if (line.startsWith('data:')) this.#data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    return undefined;
  }
}
