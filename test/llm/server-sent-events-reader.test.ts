import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from '../../src/llm/server-sent-events-reader.js';

async function* bytes(...pieces: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield typeof piece === 'string' ? new TextEncoder().encode(piece) : piece;
}

async function events(body: AsyncIterable<Uint8Array>): Promise<string[]> {
  const collected: string[] = [];
  for await (const event of readServerSentEvents(body)) collected.push(event);
  return collected;
}

describe('readServerSentEvents', () => {
  it('yields each event once its blank line arrives, however the network splits it', async () => {
    expect(await events(bytes('da', 'ta: {"a":', '1}\n', '\ndata: [DO', 'NE]\n\n'))).toEqual(['{"a":1}', '[DONE]']);
  });

  it('keeps a character whose bytes arrive in two chunks', async () => {
    const encoded = new TextEncoder().encode('data: 8 798 €\n\n');
    const euro = encoded.indexOf(0xe2);
    expect(await events(bytes(encoded.subarray(0, euro + 1), encoded.subarray(euro + 1)))).toEqual(['8 798 €']);
  });

  it('joins multi-line data, accepts CRLF and skips comments and other fields', async () => {
    expect(await events(bytes(': keep-alive\r\n', 'event: delta\r\nid: 7\r\ndata: one\r\ndata:two\r\n\r\n'))).toEqual(['one\ntwo']);
  });

  it('delivers a last event the server closed without a blank line, and nothing for an empty body', async () => {
    expect(await events(bytes('data: {"usage":1}\n\ndata: last'))).toEqual(['{"usage":1}', 'last']);
    expect(await events(bytes())).toEqual([]);
  });
});
