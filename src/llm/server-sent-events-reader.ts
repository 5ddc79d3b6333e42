/**
 * Reads a text/event-stream body and yields the `data` of each event (multi-line data joined with
 * newlines). Network chunks split lines anywhere, even inside a multi-byte character, so bytes are
 * decoded in streaming mode and buffered until a line ends. Comments and other fields are skipped.
 */
export async function* readServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  let data: string[] = [];
  const takeLine = (rawLine: string): string | undefined => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length === 0) {
      // A blank line ends the event.
      const event = data.length > 0 ? data.join('\n') : undefined;
      data = [];
      return event;
    }
    if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    return undefined;
  };
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const event = takeLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      if (event !== undefined) yield event;
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  // A server that closes without the final blank line still delivered its last event.
  if (pending.length > 0) takeLine(pending);
  const last = takeLine('');
  if (last !== undefined) yield last;
}
